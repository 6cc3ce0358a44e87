using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.News;

/// <summary>
/// Demo news, grant notices and case studies for each demo city, built from what the seeds describe
/// (Nagato's 市民のちから応援補助金, Muroran's まちづくり活動支援補助金 and forms of collaboration,
/// Yamaguchi's 市民活動促進事業交付金, Shimonoseki's Volunteer Guild), tied to the city's demo groups.
/// Every item is marked as demo data. A city that already has news is left alone.
/// </summary>
public class DemoNews(TsunaguDb db, TimeProvider clock) : IDemoDataSet
{
    public int Order => 20;
    public string Description => "Demo news, grant notices and case studies";

    private sealed record CityGrant(string Title, string Funder, int? MaxYen, string? Note, string Eligibility, string Description);

    private static readonly Dictionary<string, CityGrant> MainGrants = new()
    {
        ["shimonoseki"] = new("下関市市民活動助成事業（デモ）", "下関市 市民部 市民協働参画課（デモ）", 300000, "上限30万円（補助率3分の2）",
            "市内で公益的な活動をする市民活動団体（5人以上、しものせき市民活動センター登録団体）",
            "地域の課題に取り組む市民活動を応援する助成制度です。\n\n- 対象経費：講師謝礼、会場使用料、印刷製本費、消耗品費など\n- 審査：書類審査とプレゼンテーション\n- 報告：年度末の活動報告会で成果を発表していただきます"),
        ["yamaguchi"] = new("山口市市民活動促進事業交付金（デモ）", "山口市 協働推進課（デモ）", 500000, "上限50万円",
            "市内に活動拠点がある市民活動団体、NPO法人",
            "市民活動団体が行う公益的な事業に交付金を交付します。**計画・実施・評価（plan-do-see）**のサイクルで、事業の成果を報告していただきます。\n\n公開審査会でのプレゼンテーションがあります。"),
        ["nagato"] = new("長門市市民のちから応援補助金（デモ）", "長門市 地域振興課（デモ）", 500000, "上限50万円（立ち上げ支援コースは上限10万円）",
            "市内で活動する市民活動団体（3人以上で構成され、規約等があるもの）",
            "「長門市市民のちから応援補助金交付要綱」に基づく提案型の補助金です。審査会でのプレゼンテーションとヒアリングを経て、予算の範囲内で交付します。\n\n平成27年度は9団体に合計2,210,451円を交付しました。年度末には成果発表会を開きます。"),
        ["muroran"] = new("室蘭市まちづくり活動支援補助金（デモ）", "室蘭市 市民協働推進課（デモ）", 500000, "上限50万円（初めての団体は上限20万円）",
            "市内で公益的なまちづくり活動を行う市民活動団体",
            "平成17年に創設した、市民が主体となるまちづくり活動を支援する補助金です。毎年10件以上の応募があります。\n\n公開プレゼンテーションによる審査を行います。"),
    };

    /// <summary>Adds the demo items to every city that has no news yet; returns how many were added.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Web.Shared.Display.Today(clock);
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            // A city that has any news, notice or case study already is left alone, so nothing is ever added twice.
            if (await db.NewsItems.IgnoreQueryFilters().AnyAsync(n => n.CityId == city.Id, ct)
                || await db.Set<GrantNotice>().IgnoreQueryFilters().AnyAsync(g => g.CityId == city.Id, ct)
                || await db.Set<CaseStudy>().IgnoreQueryFilters().AnyAsync(c => c.CityId == city.Id, ct)) continue;
            var groups = await db.Groups.IgnoreQueryFilters().AsNoTracking()
                .Where(g => g.CityId == city.Id && g.IsDemo && g.Status == GroupStatus.Approved).OrderBy(g => g.Id).ToListAsync(ct);
            if (groups.Count == 0) continue;
            int? GroupWith(string theme) => groups.FirstOrDefault(g => g.Name.Contains(theme, StringComparison.Ordinal))?.Id;

            var items = new List<object>();
            items.AddRange(News(city, today, GroupWith));
            items.AddRange(Grants(city, today));
            items.AddRange(Cases(city, today, GroupWith));
            foreach (var item in items)
            {
                switch (item)
                {
                    case NewsItem n:
                        n.CityId = city.Id; n.IsDemo = true; n.IsPublished = true; n.CreatedAt = n.UpdatedAt = Stamp(n.PublishedOn);
                        n.SearchText = SearchText.Of(n.Title, n.Body);
                        break;
                    case GrantNotice g:
                        g.CityId = city.Id; g.IsDemo = true; g.IsPublished = true; g.CreatedAt = g.UpdatedAt = Stamp(g.PublishedOn);
                        g.SearchText = SearchText.Of(g.Title, g.Funder, g.AmountNote, g.Eligibility, g.Description);
                        break;
                    case CaseStudy c:
                        c.CityId = city.Id; c.IsDemo = true; c.IsPublished = true; c.CreatedAt = c.UpdatedAt = Stamp(c.PublishedOn);
                        c.SearchText = SearchText.Of([c.Title, c.Summary, c.Body, .. c.Fields.Select(f => ActivityFields.Find(f.Field)!.ShortName), .. c.Forms.Select(f => CollaborationForms.Japanese(f.Form))]);
                        break;
                }
                db.Add(item);
            }
            await db.SaveChangesAsync(ct);
            added += items.Count;
        }
        return added;
    }

    private static DateTime Stamp(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0)), Web.Shared.Display.TokyoZone);

    private static IEnumerable<NewsItem> News(City city, DateOnly today, Func<string, int?> group)
    {
        var centre = city.CentreName;
        var stem = city.Name;
        yield return new NewsItem
        {
            Title = $"{centre}の年末年始の休館日のお知らせ（デモ）",
            PublishedOn = today.AddDays(-2),
            Body = $"{centre}は、12月29日から1月3日まで休館します。\n\n休館中の団体の登録や相談の申し込みは、このサイトから受け付けています。返信は1月4日以降になります。\n\nこれはデモ用の架空のお知らせです。",
        };
        yield return new NewsItem
        {
            Title = "団体の会計と広報を学ぶ「市民活動スキルアップ講座」参加者募集（デモ）",
            PublishedOn = today.AddDays(-9),
            Body = $"市民活動団体の運営に役立つ講座を開きます。\n\n## 内容\n- 第1回：はじめての団体会計（帳簿のつけ方、決算書）\n- 第2回：SNSとチラシで伝える広報\n\n## 申し込み\n{centre}の窓口、電話、またはこのサイトの相談申し込みから。定員20人、参加無料です。\n\nこれはデモ用の架空のお知らせです。",
        };
        yield return new NewsItem
        {
            Title = "海岸清掃ボランティアを募集しています（デモ）",
            PublishedOn = today.AddDays(-15),
            GroupId = group("海岸清掃の会"),
            Body = "登録団体の海岸清掃の会が、毎月の清掃活動に参加するボランティアを募集しています。軍手とごみ袋は団体が用意します。\n\n小学生以下は保護者と一緒に参加してください。\n\nこれはデモ用の架空のお知らせです。",
        };
        yield return new NewsItem
        {
            Title = "子ども食堂が地元の農家と「収穫祭ごはん」を開きました（デモ）",
            PublishedOn = today.AddDays(-24),
            GroupId = group("子ども食堂"),
            Body = $"{stem}の子ども食堂が、地元の農家から届いた野菜で「収穫祭ごはん」を開き、親子約60人が参加しました。\n\n団体では、食材の提供や調理のボランティアを続けて募集しています。\n\nこれはデモ用の架空のお知らせです。",
        };
        yield return new NewsItem
        {
            Title = "防災ネットワークが避難所運営の訓練を行いました（デモ）",
            PublishedOn = today.AddDays(-38),
            GroupId = group("防災ネットワーク"),
            Body = "地域の防災ネットワークが、自治会や中学校と一緒に避難所運営の訓練を行いました。受付、物資の配布、要配慮者の支援を役割に分けて確かめました。\n\nこれはデモ用の架空のお知らせです。",
        };
    }

    private static IEnumerable<GrantNotice> Grants(City city, DateOnly today)
    {
        var main = MainGrants.TryGetValue(city.Slug, out var g) ? g
            : new CityGrant($"{city.Name}市民活動助成事業（デモ）", $"{city.Name}（デモ）", 300000, "上限30万円", "市内で活動する市民活動団体", "市民活動を応援する助成制度です。");
        yield return new GrantNotice
        {
            Title = main.Title,
            Funder = main.Funder,
            AmountMaxYen = main.MaxYen,
            AmountNote = main.Note,
            Eligibility = main.Eligibility,
            Description = main.Description + "\n\nこれはデモ用の架空の募集情報です。",
            Deadline = today.AddDays(45),
            PublishedOn = today.AddDays(-5),
            LinkUrl = "https://example.jp/demo/grant",
        };
        yield return new GrantNotice
        {
            Title = "地域の子どもの居場所づくり助成（デモ）",
            Funder = "公益財団法人 みらい地域財団（デモ）",
            AmountMaxYen = 1000000,
            AmountNote = "1団体あたり上限100万円",
            Eligibility = "子ども食堂、学習支援、居場所づくりに取り組む非営利団体（法人格は問いません）",
            Description = "子どもの居場所づくりの立ち上げや運営の経費を助成します。\n\n- 食材費、会場費、保険料も対象です\n- 活動報告書の提出が必要です\n\nこれはデモ用の架空の募集情報です。",
            Deadline = today.AddDays(20),
            PublishedOn = today.AddDays(-12),
            LinkUrl = "https://example.jp/demo/kodomo",
        };
        yield return new GrantNotice
        {
            Title = "環境保全活動助成（募集終了・デモ）",
            Funder = "みどりの環境基金（デモ）",
            AmountMaxYen = null,
            AmountNote = "1件あたり10万円から30万円",
            Eligibility = "海岸・河川・里山の保全に取り組む市民活動団体",
            Description = "清掃、植樹、外来種の駆除など、地域の環境を守る活動を助成しました。今年度の募集は終了しています。\n\nこれはデモ用の架空の募集情報です。",
            Deadline = today.AddDays(-20),
            PublishedOn = today.AddDays(-70),
        };
    }

    private static IEnumerable<CaseStudy> Cases(City city, DateOnly today, Func<string, int?> group)
    {
        var fy = Calendar.FiscalYear.Of(today).StartYear - 1;
        CaseStudy Make(string title, CaseKind kind, string summary, string body, int[] fields, CollaborationForm[] forms, params string[] themes)
        {
            var c = new CaseStudy { Title = title, Kind = kind, Summary = summary, Body = body + "\n\nこれはデモ用の架空の事例です。", FiscalYear = fy, PublishedOn = today.AddDays(-30) };
            c.Fields.AddRange(fields.Select(f => new CaseStudyField { Field = f }));
            c.Forms.AddRange(forms.Select(f => new CaseStudyForm { Form = f }));
            foreach (var id in themes.Select(group).OfType<int>().Distinct()) c.Groups.Add(new CaseStudyGroup { GroupId = id });
            return c;
        }

        yield return Make("子ども食堂と農園くらぶが食材をつなぐ（デモ）", CaseKind.Activity,
            "耕作放棄地で野菜を育てる団体と子ども食堂が協力し、旬の野菜を届けるしくみをつくりました。",
            "## きっかけ\nセンターの交流会で、野菜の余りに困っていた農園くらぶと、食材費に悩む子ども食堂が出会いました。\n\n## 取り組み\n- 毎週の収穫を子ども食堂へ届ける\n- 子どもたちが収穫体験に参加する\n\n## 成果\n食材費が約3割減り、収穫体験には延べ120人の親子が参加しました。",
            [13, 5], [], "子ども食堂", "農園くらぶ");
        yield return Make("海岸清掃を市と協定を結んで続ける（デモ）", CaseKind.Collaboration,
            "海岸清掃の会と市が協定を結び、市がごみの回収と道具の貸出を、団体が清掃と啓発を担っています。",
            "## 役割分担\n- 団体：月1回の清掃、参加者の募集、分別\n- 市：集めたごみの回収、軍手・ごみ袋の提供、広報\n\n協定により、活動が担い手の交代に左右されにくくなりました。",
            [7], [CollaborationForm.ProjectCooperation, CollaborationForm.InformationExchange], "海岸清掃の会");
        yield return Make("防災マップを地域と市が一緒につくる（デモ）", CaseKind.Collaboration,
            "防災ネットワークと見守り隊が実行委員会をつくり、市の危機管理担当と地区の防災マップを作りました。",
            "## 進め方\n実行委員会で地区を歩いて危険な場所を調べ、市が提供したハザード情報と重ねました。\n\n## 成果\nマップを全戸に配り、避難訓練の参加者が前年の2倍になりました。",
            [8, 9], [CollaborationForm.ExecutiveCommittee, CollaborationForm.CoHosting, CollaborationForm.InformationExchange], "防災ネットワーク", "見守り隊");
        yield return Make($"{city.Name}の補助金で観光ガイドを育てる（デモ）", CaseKind.Collaboration,
            "観光ガイドの会が市の補助金を使ってガイド養成講座を開き、新しいガイド12人が誕生しました。",
            "## 取り組み\n補助金で講師を招き、全6回のガイド養成講座を開きました。市は講座の後援と広報を担いました。\n\n## これから\n新しいガイドとともに、まち歩きの定期ツアーを始めます。",
            [4, 3], [CollaborationForm.Subsidy, CollaborationForm.Endorsement], "観光ガイドの会", "まちづくり研究会");
    }
}
