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
        ["shimonoseki"] = new("下関市市民活動助成制度（デモ）", "下関市 市民部 まちづくり政策課（デモ）", 300000, "上限30万円（補助率3分の2）",
            "市内で公益的な活動をする市民活動団体（5人以上、しものせき市民活動センター登録団体）",
            "地域の課題に取り組む市民活動を応援する助成制度です。\n\n- 対象経費：講師謝礼、会場使用料、印刷製本費、消耗品費など\n- 審査：書類審査とプレゼンテーション\n- 報告：年度末の活動報告会で成果を発表していただきます"),
        ["yamaguchi"] = new("山口市市民活動促進事業交付金（デモ）", "山口市 協働推進課（デモ）", 500000, "上限50万円",
            "市内に活動拠点がある市民活動団体、NPO法人",
            "公益的な活動をする市民活動団体に交付金を交付します。**団体の立ち上げ**と、**より専門的な社会課題の解決に向けた活動**を支援します。\n\n公開審査会でのプレゼンテーションがあります。事業の終了後は成果を報告していただきます。"),
        ["nagato"] = new("長門市市民のちから応援補助金（デモ）", "長門市 企画総務部 企画政策課 市民協働推進室（デモ）", 500000, "上限50万円（立ち上げ支援コースは上限10万円）",
            "市内で活動する市民活動団体（3人以上で構成され、規約等があるもの）",
            "「長門市市民のちから応援補助金交付要綱」に基づく提案型の補助金です。審査会でのプレゼンテーションとヒアリングを経て、予算の範囲内で交付します。\n\n平成27年度は9団体に合計2,210,451円を交付しました。年度末には成果発表会を開きます。"),
        ["muroran"] = new("室蘭市まちづくり活動支援補助金（デモ）", "室蘭市 地域生活課（デモ）", 500000, "上限50万円（初めての団体は上限20万円）",
            "市内で公益的なまちづくり活動を行う市民活動団体",
            "平成17年に創設した、地域の活性化や課題の解決に取り組む市民の自主的なまちづくり事業を支援する補助金です。毎年10件以上の申請があります。\n\n公開プレゼンテーションによる審査を行います。採択された事業は、年度末の採択事業報告会で成果を報告していただきます。"),
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

        // Each city's cases draw on what its own seed describes and name only its own programmes and grants.
        switch (city.Slug)
        {
            case "shimonoseki":
                // The seeds name no grant of Shimonoseki's own (only 市民活動助成制度 and its review), so its subsidy case stays generic.
                yield return Make("ボランティアギルドで子ども食堂の担い手が増えた（デモ）", CaseKind.Activity,
                    "しものせき市民活動センターのボランティアギルドに登録した市民と、調理の手が足りなかった子ども食堂がつながりました。",
                    "## きっかけ\n子ども食堂は、調理と配膳の担い手が足りず、開く回数を減らそうとしていました。\n\n## 取り組み\n- センターがボランティアギルドの登録者に募集を届ける\n- 初めての人は、経験のあるボランティアと組んで調理に入る\n\n## 成果\n半年で8人が新しく加わり、毎週開けるようになりました。",
                    [13, 1], [], "子ども食堂");
                yield return Make("まちづくり協議会と防災ネットワークが避難所運営を学ぶ（デモ）", CaseKind.Collaboration,
                    "地区のまちづくり協議会と防災ネットワーク、見守り隊が、市の情報提供を受けて避難所運営の訓練を共催しました。",
                    "## 進め方\nまちづくり協議会が会場と自治会への呼びかけを、防災ネットワークが訓練の進行を、見守り隊が要配慮者の誘導を受け持ちました。市は避難所の運営の手引きと地区の危険箇所の情報を提供しました。\n\n## 成果\n訓練には約150人が参加し、次の年から地区の行事として続けることになりました。",
                    [8, 9], [CollaborationForm.CoHosting, CollaborationForm.InformationExchange], "防災ネットワーク", "見守り隊");
                yield return Make("学生と観光ガイドの会がまち歩きマップをつくる（デモ）", CaseKind.Activity,
                    "しものせき市民活動センターが市内の大学生と観光ガイドの会をつなぎ、学生の目で選んだまち歩きマップができました。",
                    "## きっかけ\n地域で活動したい学生の相談を受けたセンターが、若い担い手を探していた観光ガイドの会を紹介しました。\n\n## 取り組み\n- ガイドと学生が一緒に町並みを歩き、見どころを選ぶ\n- まちづくり研究会が空き店舗の情報を持ち寄る\n\n## 成果\nマップは3,000部を配り、学生2人がガイドの会に入りました。",
                    [4, 3], [], "観光ガイドの会", "まちづくり研究会");
                yield return Make("市の助成を受けて手話の入門講座を開く（デモ）", CaseKind.Collaboration,
                    "手話サークルが市の市民活動助成制度を活用して入門講座を開き、市が後援と広報を担いました。",
                    "## 取り組み\n講師謝礼と会場費に助成を受け、全5回の手話入門講座を開きました。市は講座を後援し、市報で参加を呼びかけました。\n\n## これから\n受講した人の半分がサークルに加わり、地域の行事で手話通訳の手伝いを始めています。",
                    [1, 10], [CollaborationForm.Subsidy, CollaborationForm.Endorsement], "手話サークル");
                yield break;
            case "yamaguchi":
                yield return Make("市民活動促進事業交付金で子ども食堂を立ち上げる（デモ）", CaseKind.Collaboration,
                    "子ども食堂が市民活動促進事業交付金の立ち上げ支援を受けて開設し、農園くらぶが野菜を届けています。",
                    "## 取り組み\n公開審査会でのプレゼンテーションを経て交付金を受け、調理器具と衛生用品をそろえました。農園くらぶが毎週の収穫を届けています。\n\n## 成果\n月2回の開催で、延べ300人の子どもが利用しました。事業の終わりに、協働推進課へ成果を報告しました。",
                    [13, 1], [CollaborationForm.Subsidy], "子ども食堂", "農園くらぶ");
                yield return Make("地域交流センターで地域のニーズと団体のシーズを結ぶ（デモ）", CaseKind.Collaboration,
                    "避難所運営を学びたい自治会のニーズと、防災ネットワークのシーズを、地域交流センターが結びました。",
                    "## きっかけ\n自治会から「避難所の開き方がわからない」という声が地域交流センターに寄せられました。\n\n## 取り組み\n- 地域交流センターが、防災の訓練を得意とする防災ネットワークを紹介する\n- 高齢者サロンが、訓練に参加しにくい人への声かけを受け持つ\n\n## 成果\n地域と市民活動団体が一緒に訓練を続ける関係ができました。",
                    [8, 1], [CollaborationForm.InformationExchange, CollaborationForm.CoHosting], "防災ネットワーク", "高齢者サロン");
                yield return Make("さぽらんての相談で寄付を集めるしくみをつくる（デモ）", CaseKind.Activity,
                    "市民活動支援センター さぽらんての相談を受けて、就労支援ネットが寄付を募るしくみを整えました。",
                    "## きっかけ\n活動資金が年々足りなくなり、さぽらんてに相談しました。\n\n## 取り組み\n- 活動報告と会計をホームページで公開する\n- 寄付の税制優遇がある認定NPO法人への移行について、さぽらんてから助言を受ける\n\n## 成果\n継続して寄付をしてくださる方が40人になりました。",
                    [17, 19], [], "就労支援ネット", "市民活動サポート");
                yield return Make("地域づくり交付金で里山の竹林を整える（デモ）", CaseKind.Collaboration,
                    "地域づくり協議会が地域づくり交付金を活用し、里山保全クラブと一緒に荒れた竹林を散策道に整えました。",
                    "## 進め方\n地域づくり計画で「里山を歩ける場所に」と決め、交付金で道具と材料をそろえました。作業は里山保全クラブが指導しました。\n\n## 成果\n散策道は地区の運動会のコースにもなり、竹は竹灯籠に生まれ変わりました。",
                    [7, 5], [CollaborationForm.Subsidy], "里山保全クラブ");
                yield break;
            case "nagato":
                yield return Make("市民のちから応援補助金で通学路に見守りの看板を（デモ）", CaseKind.Collaboration,
                    "見守り隊が市民のちから応援補助金を受け、学校やPTA、地域と一緒に啓発看板を立てて周りの景観を整えました。",
                    "## 取り組み\n審査委員会でのプレゼンテーションとヒアリングを経て補助金を受けました。看板のデザインは小中学生が考え、設置と草刈りは地域と一緒に行いました。\n\n## 成果\n通学路の見通しがよくなり、登下校を見守る人も増えました。年度末の成果発表会で報告しました。",
                    [13, 9], [CollaborationForm.Subsidy], "見守り隊");
                yield return Make("まちづくり協議会と里山保全クラブが集落の散策道を守る（デモ）", CaseKind.Activity,
                    "人手が減って手入れができなくなった集落の散策道を、地区のまちづくり協議会と里山保全クラブが一緒に守っています。",
                    "## きっかけ\n高齢化で草刈りの担い手が減り、散策道が使えなくなりかけていました。\n\n## 取り組み\n- 協議会が作業日を決めて地区に呼びかける\n- 里山保全クラブが道具の使い方と安全を指導する\n\n## 成果\nU・Iターンの若い世帯も加わり、年4回の作業が続いています。",
                    [3, 5], [], "湊地区まちづくり協議会", "里山保全クラブ");
                yield return Make("おはなし会が公民館で読み聞かせを続ける（デモ）", CaseKind.Activity,
                    "地域ぐるみで子育てを応援しようと、おはなし会と子育て応援団が公民館で毎月の読み聞かせを開いています。",
                    "## 取り組み\n公民館を会場に、絵本の読み聞かせと手遊びの会を毎月開いています。子育て応援団が親どうしの交流の時間をつくっています。\n\n## 成果\n参加した保護者から、新しく読み手になる人が出てきました。",
                    [2, 13], [], "おはなし会", "子育て応援団");
                yield return Make("観光ガイドの会と農園くらぶが食と観光のイベントを開く（デモ）", CaseKind.Collaboration,
                    "観光ガイドの会と農園くらぶが地元の食材を味わうまち歩きを企画し、市と共催で開きました。",
                    "## 取り組み\n観光客を呼び込むきっかけにと、まち歩きと収穫体験を組み合わせたイベントを市と共催で開きました。団体が案内と料理を、市が会場の手配と、広報・ケーブルテレビでの紹介を受け持ちました。\n\n## 成果\n市外から約80人が参加し、次回は市内の高校生もガイドに加わる予定です。",
                    [4, 5], [CollaborationForm.CoHosting], "観光ガイドの会", "農園くらぶ");
                yield break;
            case "muroran":
                yield return Make("まちづくり活動支援補助金で空き店舗に子育てひろば（デモ）", CaseKind.Collaboration,
                    "子育て応援団とまちづくり研究会が、まちづくり活動支援補助金を受けて商店街の空き店舗に子育てひろばを開きました。",
                    "## 取り組み\n公開プレゼンテーションによる審査を経て補助金を受け、空き店舗の改装と遊具をそろえました。\n\n## 成果\n週3日の開所で、親子の利用は延べ1,200人になりました。採択事業報告会で成果を報告しました。",
                    [13, 3], [CollaborationForm.Subsidy], "子育て応援団", "まちづくり研究会");
                yield return Make("まち「ピカ」パートナーと海岸清掃の会が浜をきれいに（デモ）", CaseKind.Collaboration,
                    "まち「ピカ」パートナーに登録した市民と海岸清掃の会が、浜の清掃を続けています。市はごみの回収と情報交換会を担います。",
                    "## 役割分担\n- まち「ピカ」パートナー・団体：清掃と分別、参加の呼びかけ\n- 市：集めたごみの回収、パートナーの情報交換会の開催\n\n## 成果\n情報交換会で清掃の日程を持ち寄り、浜ごとの清掃の日が重ならなくなりました。",
                    [7], [CollaborationForm.ProjectCooperation, CollaborationForm.InformationExchange], "海岸清掃の会");
                yield return Make("町内会と防災ネットワークで自主防災組織をつくる（デモ）", CaseKind.Collaboration,
                    "町内会と防災ネットワーク、見守り隊が自主防災組織を結成し、市と共催で地域の避難訓練を開きました。",
                    "## 進め方\n町内会の役員と防災ネットワークが、見守りが必要な人の名簿づくりと避難経路の確認から始めました。市は訓練を共催し、防災の資機材の使い方を説明しました。\n\n## 成果\n訓練の参加者は前年の2倍になりました。",
                    [8, 9], [CollaborationForm.CoHosting, CollaborationForm.ProjectCooperation], "防災ネットワーク", "見守り隊");
                yield return Make("まごころパートナーとして市民美術館の催しを支える（デモ）", CaseKind.Collaboration,
                    "文化芸術協会の会員が、無償のまごころパートナーとして市民美術館の展示案内と受付に協力しています。",
                    "## 取り組み\n行政パートナー制度のまごころパートナーに登録し、市の催しの受付と展示の案内を手伝っています。\n\n## 成果\n来館者との会話から、協会の美術展に足を運ぶ人も増えました。",
                    [6], [CollaborationForm.ProjectCooperation], "文化芸術協会");
                yield break;
        }

        // A city without cases of its own (one added later) gets general ones that name no programme.
        yield return Make("子ども食堂と農園くらぶが食材をつなぐ（デモ）", CaseKind.Activity,
            "耕作放棄地で野菜を育てる団体と子ども食堂が協力し、旬の野菜を届けるしくみをつくりました。",
            "## きっかけ\nセンターの交流会で、野菜の余りに困っていた農園くらぶと、食材費に悩む子ども食堂が出会いました。\n\n## 取り組み\n- 毎週の収穫を子ども食堂へ届ける\n- 子どもたちが収穫体験に参加する\n\n## 成果\n食材費が約3割減り、収穫体験には延べ120人の親子が参加しました。",
            [13, 5], [], "子ども食堂", "農園くらぶ");
        yield return Make("海岸清掃を市と協定を結んで続ける（デモ）", CaseKind.Collaboration,
            "海岸清掃の会と市が協定を結び、市がごみの回収と道具の貸出を、団体が清掃と啓発を担っています。",
            "## 役割分担\n- 団体：月1回の清掃、参加者の募集、分別\n- 市：集めたごみの回収、軍手・ごみ袋の提供、広報\n\n協定により、活動が担い手の交代に左右されにくくなりました。",
            [7], [CollaborationForm.ProjectCooperation, CollaborationForm.InformationExchange], "海岸清掃の会");
    }
}
