namespace Tsunagu.Web.Features.Lectures;

public static class LectureTexts
{
    public static string Status(LectureRequestStatus s) => s switch
    {
        LectureRequestStatus.Received => "受付",
        LectureRequestStatus.Scheduled => "日程決定",
        LectureRequestStatus.Done => "実施済み",
        LectureRequestStatus.Declined => "見送り",
        _ => "取り消し",
    };
}
