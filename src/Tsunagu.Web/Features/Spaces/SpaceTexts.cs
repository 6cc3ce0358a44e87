namespace Tsunagu.Web.Features.Spaces;

public static class SpaceTexts
{
    public static string Status(BookingStatus s) => s switch
    {
        BookingStatus.Provisional => "仮予約（支払い待ち）",
        BookingStatus.Confirmed => "本予約",
        BookingStatus.Cancelled => "取り消し",
        BookingStatus.Lapsed => "期限切れ",
        _ => "利用不可（センター）",
    };
}
