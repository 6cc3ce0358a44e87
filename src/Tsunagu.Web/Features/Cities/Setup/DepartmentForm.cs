using System.ComponentModel.DataAnnotations;

namespace Tsunagu.Web.Features.Cities.Setup;

/// <summary>The fields of a department, as the add and edit forms show them.</summary>
public class DepartmentForm
{
    [Display(Name = "名称")]
    [Required(ErrorMessage = "担当課の名称を入力してください。")]
    [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string Name { get; set; } = "";

    [Display(Name = "英語名")]
    [StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string? NameEn { get; set; }

    [Display(Name = "部")]
    [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string? Bureau { get; set; }

    [Display(Name = "課・室")]
    [StringLength(100, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string? Section { get; set; }

    [Display(Name = "表示順")]
    [Range(0, 9999, ErrorMessage = "表示順は0から9999までの数にしてください。")]
    public int SortOrder { get; set; }

    [Display(Name = "設置日")]
    public DateOnly? ActiveFrom { get; set; }

    [Display(Name = "廃止日（最後の日）")]
    public DateOnly? ActiveTo { get; set; }

    public CitySetup.DepartmentInput ToInput() => new(Name, NameEn, Bureau, Section, SortOrder, ActiveFrom, ActiveTo);

    public static DepartmentForm Of(Tenancy.Department d) => new()
    {
        Name = d.Name,
        NameEn = d.NameEn,
        Bureau = d.Bureau,
        Section = d.Section,
        SortOrder = d.SortOrder,
        ActiveFrom = d.ActiveFrom,
        ActiveTo = d.ActiveTo,
    };
}
