using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// A believable, clearly fictional directory for each demo city: groups built from themes that match
/// the NPO activity fields, spread over fields, types and districts; in Nagato also its ten real
/// district councils (from the seed), tied to their districts. Same city, same groups, every time.
/// </summary>
public class DemoGroups(TsunaguDb db) : IDemoDataSet
{
    public int Order => 10;
    public string Description => "Demo groups";

    public const int GroupsPerCity = 44;

    private sealed record Theme(string Name, string Kana, int[] Fields, string Description);

    private static readonly Theme[] Themes =
    [
        new("子ども食堂", "こどもしょくどう", [13, 1], "地域の子どもたちに温かい食事と居場所を届けています。"),
        new("見守り隊", "みまもりたい", [9, 13], "登下校の時間に通学路で子どもたちを見守っています。"),
        new("海岸清掃の会", "かいがんせいそうのかい", [7], "毎月、海岸の漂着ごみを拾い、分別しています。"),
        new("里山保全クラブ", "さとやまほぜんくらぶ", [7, 5], "竹林の整備と里山の散策道づくりをしています。"),
        new("おはなし会", "おはなしかい", [2, 13], "図書館や保育園で絵本の読み聞かせをしています。"),
        new("防災ネットワーク", "ぼうさいねっとわーく", [8, 9], "避難所運営の訓練や防災マップづくりをしています。"),
        new("高齢者サロン", "こうれいしゃさろん", [1], "公民館で体操とお茶会を開き、ひとり暮らしの方の集いの場をつくっています。"),
        new("国際交流サークル", "こくさいこうりゅうさーくる", [11, 2], "外国から来た住民と日本語で話す交流会を開いています。"),
        new("観光ガイドの会", "かんこうがいどのかい", [4, 3], "歴史の町並みをボランティアガイドが案内しています。"),
        new("手話サークル", "しゅわさーくる", [1, 10], "手話を学び合い、聴覚障害のある方との交流を広げています。"),
        new("スポーツクラブ", "すぽーつくらぶ", [6, 13], "世代を超えて楽しめるスポーツ教室を開いています。"),
        new("パソコン教室", "ぱそこんきょうしつ", [14, 2], "シニア向けにスマートフォンとパソコンの使い方を教えています。"),
        new("子育て応援団", "こそだておうえんだん", [13, 12], "子育て中の親子が気軽に集まれるひろばを運営しています。"),
        new("農園くらぶ", "のうえんくらぶ", [5, 16], "耕作放棄地を借りて野菜を育て、収穫祭を開いています。"),
        new("まちづくり研究会", "まちづくりけんきゅうかい", [3, 19], "空き店舗の活用とまちなかのにぎわいづくりを考えています。"),
        new("消費生活の会", "しょうひせいかつのかい", [18, 2], "悪質商法の被害を防ぐ出前講座を開いています。"),
        new("就労支援ネット", "しゅうろうしえんねっと", [17, 1], "働きたい若者と地元の事業所をつないでいます。"),
        new("文化芸術協会", "ぶんかげいじゅつきょうかい", [6], "地域の音楽会や美術展を企画しています。"),
        new("男女共同参画の会", "だんじょきょうどうさんかくのかい", [12, 2], "誰もが暮らしやすい地域をテーマに学習会を開いています。"),
        new("科学あそび隊", "かがくあそびたい", [15, 13], "小学生向けに科学実験の教室を開いています。"),
        new("平和を語り継ぐ会", "へいわをかたりつぐかい", [10, 2], "戦争体験の聞き取りと朗読会をしています。"),
        new("市民活動サポート", "しみんかつどうさぽーと", [19], "団体の会計や広報の相談に応じ、立ち上げを手伝っています。"),
    ];

    private static readonly (string Name, string Kana)[] Suffixes =
        [("", ""), ("ひまわり", "ひまわり"), ("あおぞら", "あおぞら"), ("みらい", "みらい"), ("つばさ", "つばさ"), ("ゆめ", "ゆめ")];

    /// <summary>
    /// How the demo cities (without 市) and Nagato's districts read, so that each group's furigana reads its whole name, as
    /// registration asks. A place missing here is left out of the group names.
    /// </summary>
    private static readonly Dictionary<string, string> PlaceKana = new()
    {
        ["下関"] = "しものせき",
        ["山口"] = "やまぐち",
        ["長門"] = "ながと",
        ["室蘭"] = "むろらん",
        ["板持"] = "いたもち",
        ["白潟"] = "しらかた",
        ["通"] = "かよい",
        ["俵山"] = "たわらやま",
        ["真木・渋木"] = "まき・しぶき",
        ["湊"] = "みなと",
        ["みすみ"] = "みすみ",
        ["日置"] = "へき",
        ["宇津賀"] = "うつか",
        ["むかつく"] = "むかつく",
    };

    /// <summary>The readings of the district councils the seed names; a council missing here is not added.</summary>
    private static readonly Dictionary<string, string> CouncilKana = new()
    {
        ["板持地区まちづくり協議会"] = "いたもちちくまちづくりきょうぎかい",
        ["白潟地区まちづくり協議会"] = "しらかたちくまちづくりきょうぎかい",
        ["通まちづくり協議会"] = "かよいまちづくりきょうぎかい",
        ["俵山景観づくり委員会"] = "たわらやまけいかんづくりいいんかい",
        ["真木・渋木地区まちづくり協議会"] = "まき・しぶきちくまちづくりきょうぎかい",
        ["湊地区まちづくり協議会"] = "みなとちくまちづくりきょうぎかい",
        ["みすみ市民協働推進協議会"] = "みすみしみんきょうどうすいしんきょうぎかい",
        ["日置まちづくり協議会"] = "へきまちづくりきょうぎかい",
        ["宇津賀地区まちづくり協議会"] = "うつかちくまちづくりきょうぎかい",
        ["むかつく地域協議会"] = "むかつくちいききょうぎかい",
    };

    private const string NpoPrefix = "NPO法人", NpoPrefixKana = "えぬぴーおーほうじん";

    /// <summary>Adds the demo groups to every city that has none yet; returns how many were added.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        foreach (var city in await db.Cities.AsNoTracking().ToListAsync(ct))
        {
            if (await db.Groups.IgnoreQueryFilters().AnyAsync(g => g.CityId == city.Id, ct)) continue;
            var districts = await db.Districts.IgnoreQueryFilters().Where(d => d.CityId == city.Id).OrderBy(d => d.SortOrder).ToListAsync(ct);
            var groups = Generate(city, districts).ToList();
            db.Groups.AddRange(groups);
            await db.SaveChangesAsync(ct);
            added += groups.Count;
        }
        return added;
    }

    private static IEnumerable<Group> Generate(City city, List<District> districts)
    {
        var random = new Random(int.Parse(city.Code, System.Globalization.CultureInfo.InvariantCulture));
        var types = new[] { GroupType.VolunteerGroup, GroupType.VolunteerGroup, GroupType.VoluntaryAssociation, GroupType.NpoCorporation, GroupType.Other };
        var cityStem = city.Name.TrimEnd('市');
        var approved = new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var names = new HashSet<string>();
        for (var i = 0; i < GroupsPerCity; i++)
        {
            var theme = Themes[i % Themes.Length];
            var suffix = Suffixes[(i / Themes.Length + random.Next(Suffixes.Length)) % Suffixes.Length];
            var district = districts.Count > 0 && random.Next(3) > 0 ? districts[random.Next(districts.Count)] : null;
            var place = district?.Name ?? cityStem;
            var placeKana = PlaceKana.GetValueOrDefault(place);
            if (placeKana is null) place = placeKana = "";
            var type = types[random.Next(types.Length)];
            var npo = type == GroupType.NpoCorporation;
            var stem = $"{(npo ? NpoPrefix : "")}{place}{theme.Name}{suffix.Name}";
            var kana = $"{(npo ? NpoPrefixKana : "")}{placeKana}{theme.Kana}{suffix.Kana}";
            // （デモ） marks the name as fictional and is not read.
            var name = $"{stem}（デモ）";
            var number = 1;
            while (!names.Add(name)) name = $"{stem}{++number}（デモ）";
            var group = new Group
            {
                CityId = city.Id,
                Name = name,
                NameKana = number == 1 ? kana : $"{kana}{number}",
                Type = type,
                Description = theme.Description + "（これはデモ用の架空の団体です。）",
                MeetingSchedule = $"毎月第{random.Next(1, 5)}{"月火水木金土日"[random.Next(7)]}曜日 {random.Next(9, 19)}時から",
                MeetingPlace = random.Next(2) == 0 ? city.CentreName : $"{place}公民館",
                MemberCount = random.Next(5, 120),
                FoundedOn = new DateOnly(random.Next(1995, 2025), random.Next(1, 13), random.Next(1, 28)),
                Fees = random.Next(3) == 0 ? "なし" : $"年会費{random.Next(1, 6) * 500:N0}円",
                RecruitingVolunteers = random.Next(3) == 0,
                PublicContactName = "事務局（デモ）",
                PublicEmail = $"demo-{city.Slug}-{i + 1:00}@example.jp",
                RepresentativeName = "代表者（デモ）",
                RepresentativeEmail = $"representative-{city.Slug}-{i + 1:00}@example.jp",
                Status = GroupStatus.Approved,
                IsDemo = true,
                CreatedAt = approved.AddDays(i * 9),
                SubmittedAt = approved.AddDays(i * 9),
                ApprovedAt = approved.AddDays(i * 9 + 7),
                ConfirmedAt = approved.AddDays(i * 9 + 7),
            };
            group.Fields.AddRange(theme.Fields.Select(f => new GroupActivityField { Field = f }));
            if (district is not null) group.Districts.Add(new GroupDistrict { DistrictId = district.Id });
            group.SearchText = SearchText.Of(group.Name, group.NameKana, group.Description, group.MeetingPlace);
            yield return group;
        }

        // The district councils the seed names (Nagato's ten), each tied to its district.
        foreach (var district in districts.Where(d => d.CouncilName is not null && CouncilKana.ContainsKey(d.CouncilName)))
        {
            var council = new Group
            {
                CityId = city.Id,
                Name = district.CouncilName!,
                NameKana = CouncilKana[district.CouncilName!],
                Type = GroupType.DistrictCouncil,
                CouncilDistrictId = district.Id,
                Description = $"{district.Name}地区の住民、自治会、団体でつくる地域づくりの協議会です。（活動内容の記載はデモ用です。）",
                RepresentativeName = "会長（デモ）",
                RepresentativeEmail = $"council-{city.Slug}-{district.Id}@example.jp",
                Status = GroupStatus.Approved,
                IsDemo = true,
                CreatedAt = approved,
                SubmittedAt = approved,
                ApprovedAt = approved,
                ConfirmedAt = approved,
            };
            council.Fields.Add(new GroupActivityField { Field = 3 });
            council.Districts.Add(new GroupDistrict { DistrictId = district.Id });
            council.SearchText = SearchText.Of(council.Name, council.NameKana, council.Description);
            yield return council;
        }
    }
}
