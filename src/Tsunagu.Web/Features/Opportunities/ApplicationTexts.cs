namespace Tsunagu.Web.Features.Opportunities;

public static class ApplicationTexts
{
    public static string Status(ApplicationStatus s) => s switch
    {
        ApplicationStatus.Invited => "お誘いが届いています",
        ApplicationStatus.Applied => "応募中（返事待ち）",
        ApplicationStatus.Confirmed => "参加決定",
        ApplicationStatus.Declined => "見送り",
        ApplicationStatus.Full => "定員のため見送り",
        ApplicationStatus.Closed => "募集締め切りのため見送り",
        _ => "取り消し",
    };
}
