using System.ComponentModel.DataAnnotations;

namespace Tsunagu.Web.Features.Cities.Setup;

/// <summary>The fields of a district, as the add and edit forms show them.</summary>
public class DistrictForm
{
    [Display(Name = "名称")]
    [Required(ErrorMessage = "名称を入力してください。")]
    [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string Name { get; set; } = "";

    [Display(Name = "英語名")]
    [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string? NameEn { get; set; }

    [Display(Name = "協議会名")]
    [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string? CouncilName { get; set; }

    [Display(Name = "表示順")]
    [Range(0, 9999, ErrorMessage = "表示順は0から9999までの数にしてください。")]
    public int SortOrder { get; set; }

    public CitySetup.DistrictInput ToInput() => new(Name, NameEn, CouncilName, SortOrder);

    public static DistrictForm Of(Tenancy.District d) => new() { Name = d.Name, NameEn = d.NameEn, CouncilName = d.CouncilName, SortOrder = d.SortOrder };
}

/// <summary>One year's figures of a district.</summary>
public class PopulationForm
{
    [Display(Name = "年（西暦）")]
    [Range(CitySetup.FirstYear, CitySetup.LastYear, ErrorMessage = "年は{1}から{2}までの西暦で入力してください。")]
    public int? Year { get; set; }

    [Display(Name = "人口")]
    [Range(0, 10_000_000, ErrorMessage = "{0}は{1}から{2}までの数にしてください。")]
    public int? Population { get; set; }

    [Display(Name = "65歳以上人口")]
    [Range(0, 10_000_000, ErrorMessage = "{0}は{1}から{2}までの数にしてください。")]
    public int? Population65Plus { get; set; }

    [Display(Name = "世帯数")]
    [Range(0, 10_000_000, ErrorMessage = "{0}は{1}から{2}までの数にしてください。")]
    public int? Households { get; set; }
}
