namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// The 20 activity fields of the NPO law (特定非営利活動促進法 別表), numbered as the law numbers them.
/// Groups, volunteers' interests and case studies are tagged with these.
/// </summary>
public static class ActivityFields
{
    public sealed record Field(int Number, string Name, string ShortName, string NameEn);

    public static readonly IReadOnlyList<Field> All =
    [
        new(1, "保健、医療又は福祉の増進を図る活動", "保健・医療・福祉", "Health, medical care and welfare"),
        new(2, "社会教育の推進を図る活動", "社会教育", "Social education"),
        new(3, "まちづくりの推進を図る活動", "まちづくり", "Community development"),
        new(4, "観光の振興を図る活動", "観光", "Tourism"),
        new(5, "農山漁村又は中山間地域の振興を図る活動", "農山漁村・中山間地域", "Rural and mountain communities"),
        new(6, "学術、文化、芸術又はスポーツの振興を図る活動", "学術・文化・芸術・スポーツ", "Science, culture, arts and sports"),
        new(7, "環境の保全を図る活動", "環境保全", "Environmental conservation"),
        new(8, "災害救援活動", "災害救援", "Disaster relief"),
        new(9, "地域安全活動", "地域安全", "Community safety"),
        new(10, "人権の擁護又は平和の推進を図る活動", "人権・平和", "Human rights and peace"),
        new(11, "国際協力の活動", "国際協力", "International cooperation"),
        new(12, "男女共同参画社会の形成の促進を図る活動", "男女共同参画", "Gender equality"),
        new(13, "子どもの健全育成を図る活動", "子どもの健全育成", "Children and youth"),
        new(14, "情報化社会の発展を図る活動", "情報化社会", "Information society"),
        new(15, "科学技術の振興を図る活動", "科学技術", "Science and technology"),
        new(16, "経済活動の活性化を図る活動", "経済活動の活性化", "Economic activity"),
        new(17, "職業能力の開発又は雇用機会の拡充を支援する活動", "職業能力・雇用機会", "Skills and employment"),
        new(18, "消費者の保護を図る活動", "消費者保護", "Consumer protection"),
        new(19, "前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動", "団体の運営・活動の支援", "Support for non-profit groups"),
        new(20, "前各号に掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める活動", "条例で定める活動", "Activities set by prefectural or city ordinance"),
    ];

    public static Field? Find(int number) => number is >= 1 and <= 20 ? All[number - 1] : null;

    /// <summary>Reads a field as people write it in import files: its number, short name or full name.</summary>
    public static Field? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Normalize(System.Text.NormalizationForm.FormKC);
        if (int.TryParse(t, out var n)) return Find(n);
        return All.FirstOrDefault(f => f.ShortName == t || f.Name == t || f.NameEn.Equals(t, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>What kind of organisation a registered group is.</summary>
public enum GroupType
{
    NpoCorporation,
    VolunteerGroup,
    VoluntaryAssociation,
    DistrictCouncil,
    NeighbourhoodAssociation,
    Business,
    EducationalInstitution,
    Other,
}

public static class GroupTypes
{
    public static string Japanese(GroupType type) => type switch
    {
        GroupType.NpoCorporation => "NPO法人",
        GroupType.VolunteerGroup => "ボランティア団体",
        GroupType.VoluntaryAssociation => "任意団体",
        GroupType.DistrictCouncil => "まちづくり協議会・地域づくり協議会",
        GroupType.NeighbourhoodAssociation => "自治会・町内会",
        GroupType.Business => "事業者",
        GroupType.EducationalInstitution => "教育機関",
        _ => "その他",
    };
}
