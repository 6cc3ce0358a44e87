using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Lectures;

/// <summary>
/// A catalogue of on-request lectures (出前講座) for each demo city, from what its own documents describe: Shimonoseki's
/// centre and ボランティアギルド, Yamaguchi's お気軽講座 and 交付金, Nagato's 自治会 lectures and 市民のちから応援補助金,
/// Muroran's まちづくり出前講座 and 行政パートナー制度. Each city names only its own programmes and departments; a city
/// without a catalogue of its own gets general topics. A city that has any topic is left alone.
/// </summary>
public class DemoLectures(TsunaguDb db, TimeProvider clock) : IDemoDataSet
{
    public int Order => 100;
    public string Description => "Demo on-request lecture topics";

    private sealed record Topic(string Title, string Description, string Speaker, int Minutes, string Audience);

    private static readonly Dictionary<string, Topic[]> Catalogues = new()
    {
        ["shimonoseki"] =
        [
            new("市民協働ってなに？", "下関市市民協働参画条例が目指す、市民と行政、市民どうしの協働の考え方と、市内の市民活動の事例を紹介します。", "まちづくり政策課", 60, "自治会、まちづくり協議会、地域の集まり"),
            new("ボランティアギルドに登録しよう", "ボランティアをしたい人と受け入れたい団体をつなぐボランティアギルドの登録のしかたと、市民活動保険についてお話しします。", "しものせき市民活動センター", 60, "どなたでも"),
            new("まちづくり協議会の運営と活動の振り返り", "まちづくり協議会の役割、地域の課題の話し合い方、活動の記録と振り返りの方法を説明します。", "まちづくり政策課", 90, "まちづくり協議会の役員、自治会の役員"),
            new("団体の会計と法人化の相談", "任意団体の会計の基本と、NPO法人などへの法人化を考えるときの手順を、しものせき市民活動センターの相談員が説明します。", "しものせき市民活動センター", 90, "市民活動団体の役員"),
        ],
        ["yamaguchi"] =
        [
            new("協働のまちづくりってなに？（お気軽講座）", "市の職員が出向き、協働推進プランの考え方と市内の協働の事例をわかりやすく説明し、意見を交換します。", "協働推進課", 60, "自治会、地域の集まり"),
            new("市民活動促進事業交付金の使い方", "団体の立ち上げや社会課題の解決に向けた活動を支える交付金の申請のしかた、公開審査会、成果の報告までを説明します。", "協働推進課", 90, "市民活動団体"),
            new("地域づくり交付金と地域づくり計画", "地域の実情に合わせて使える地域づくり交付金と、地域づくり計画の見直しの進め方をお話しします。", "地域交流センター", 90, "地域づくり協議会、自治会の役員"),
            new("寄付を集めて活動を続ける", "寄付を募るしくみづくりと、寄付の税制優遇がある認定NPO法人への移行について、市民活動支援センター さぽらんてが説明します。", "市民活動支援センター さぽらんて", 90, "市民活動団体の役員"),
        ],
        ["nagato"] =
        [
            new("自治会で考える集落のこれから", "自治会を対象とした出前講座です。集落機能の再生と、新たな地域コミュニティ組織（地域協働体）づくりの進め方をお話しします。", "企画政策課 市民協働推進室", 90, "自治会の役員、地域の集まり"),
            new("市民のちから応援補助金の申請のしかた", "提案型の補助金の対象、審査委員会でのプレゼンテーションとヒアリング、成果発表会までの流れを説明します。", "企画政策課 市民協働推進室", 60, "市民活動団体"),
            new("総合サポート制度でまちづくりに参加しよう", "地域で行われる市民協働のまちづくり事業へのボランティア参加に向けて、事前に登録し、情報を受け取るしくみを紹介します。", "企画政策課 市民協働推進室", 60, "どなたでも、事業者"),
            new("NPO法人の設立と運営", "任意団体とNPO法人の違い、設立の手続き、会計と事業報告の基本を説明します。", "企画政策課 市民協働推進室", 90, "団体の役員、設立を考えている方"),
        ],
        ["muroran"] =
        [
            new("協働のまちづくり指針と8つの協働の形", "まちづくり出前講座です。補助、後援、共催、事業協力・協定など、市民と市の8つの協働の形を市内の例で説明します。", "地域生活課", 60, "町内会、地域の集まり"),
            new("行政パートナー制度のご案内", "市の仕事の一部を担う有償のまかせてパートナー、市の仕事に協力する無償のまごころパートナー、まちの清掃美化のまち「ピカ」パートナーの登録のしかたを説明します。", "地域生活課", 60, "どなたでも"),
            new("まちづくり活動支援補助金の申請と報告会", "地域の活性化や課題の解決に取り組むまちづくり事業への補助金の申請のしかたと、採択事業報告会での成果の伝え方をお話しします。", "地域生活課", 90, "市民活動団体、町内会"),
            new("団体の運営と仲間づくり", "団体の高齢化や担い手不足に悩む団体に向けて、会員の集め方と他の団体との連携のしかたを、室蘭市市民活動センターが紹介します。", "室蘭市市民活動センター", 90, "市民活動団体、町内会の役員"),
        ],
    };

    private static readonly Topic[] General =
    [
        new("市民協働ってなに？", "市民と行政、団体どうしが力を合わせる「協働」の考え方と、市内の事例をわかりやすく紹介します。", "市民協働の担当課", 60, "自治会・町内会、地域の集まり"),
        new("はじめてのボランティア", "ボランティア活動の始め方、活動保険、ボランティア登録とマッチングの使い方をお話しします。", "市民活動センター", 60, "どなたでも"),
        new("NPO法人の設立と運営", "任意団体とNPO法人の違い、設立の手続き、会計と事業報告の基本を学びます。", "市民活動センター", 90, "団体の役員、設立を考えている方"),
        new("助成金の探し方と申請書の書き方", "地域活動に使える助成制度の探し方と、伝わる申請書の書き方を、記入例を使って説明します。", "市民活動センター", 90, "市民活動団体"),
    ];

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (await db.Set<LectureTopic>().IgnoreQueryFilters().AnyAsync(t => t.CityId == city.Id, ct)) continue;
            var topics = Catalogues.GetValueOrDefault(city.Slug, General);
            db.AddRange(topics.Select(t => new LectureTopic
            {
                CityId = city.Id,
                Title = t.Title + "（デモ）",
                Description = t.Description,
                Speaker = t.Speaker,
                Minutes = t.Minutes,
                Audience = t.Audience,
                IsDemo = true,
                CreatedAt = now,
            }));
            added += topics.Length;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
