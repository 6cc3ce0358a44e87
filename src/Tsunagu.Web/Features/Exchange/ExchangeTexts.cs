namespace Tsunagu.Web.Features.Exchange;

/// <summary>A post shown as a card, with why it is suggested (empty in the plain list).</summary>
public sealed record PostCard(ExchangePost Post, IReadOnlyList<string> Reasons);

public static class ExchangeTexts
{
    public static string Direction(ExchangeDirection d) => d == ExchangeDirection.Need ? "ニーズ（求めています）" : "シーズ（提供できます）";

    public static string DirectionShort(ExchangeDirection d) => d == ExchangeDirection.Need ? "ニーズ" : "シーズ";

    public static string Category(ExchangeCategory c) => c switch
    {
        ExchangeCategory.People => "人材",
        ExchangeCategory.Venue => "場所",
        ExchangeCategory.Equipment => "物品・機材",
        ExchangeCategory.KnowHow => "ノウハウ",
        _ => "資金",
    };

    public static string Outcome(IntroductionOutcome o) => o switch
    {
        IntroductionOutcome.Pending => "調整中",
        IntroductionOutcome.Succeeded => "成立",
        _ => "不成立",
    };

    public static string Status(ExchangePostStatus s) => s == ExchangePostStatus.Open ? "受付中" : "受付終了";
}
