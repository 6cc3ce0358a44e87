using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities.Setup;

/// <summary>
/// How a city sets itself up: its terms (what its evaluating body, centre and districts are called), its departments
/// as city hall reorganises them, and its districts with their population by year. Pages, imports and the command line
/// all write through here, so each rule holds everywhere.
/// </summary>
public class CitySetup(TsunaguDb db, CurrentCity currentCity, CityDirectory directory, Text t)
{
    public sealed record TermsInput(string CentreName, string? CentreNameEn, bool HasCentre, string? DeskName, string? DeskNameEn,
        string? EvaluatingBodyName, string? EvaluatingBodyNameEn, string? EvaluationTerm, string? EvaluationTermEn, string? DistrictTerm);

    public sealed record DepartmentInput(string Name, string? NameEn, string? Bureau, string? Section, int SortOrder, DateOnly? ActiveFrom, DateOnly? ActiveTo);

    public sealed record DistrictInput(string Name, string? NameEn, string? CouncilName, int SortOrder);

    public sealed record PopulationInput(int Year, int? Population, int? Population65Plus, int? Households);

    /// <summary>The words a city may call its districts by.</summary>
    public static readonly string[] DistrictTerms = ["地区", "地域"];

    public const int FirstYear = 1989;
    public const int LastYear = 2100;

    public async Task<Result<City>> SaveTermsAsync(TermsInput input, CancellationToken ct = default)
    {
        var problems = new Problems();
        if (string.IsNullOrWhiteSpace(input.CentreName)) problems.Add(nameof(TermsInput.CentreName), t["センターの名前を入力してください。"]);
        if (!input.HasCentre && string.IsNullOrWhiteSpace(input.DeskName))
            problems.Add(nameof(TermsInput.DeskName), t["センターがない間の窓口（担当課など）を入力してください。"]);
        if (input.DistrictTerm is { Length: > 0 } term && !DistrictTerms.Contains(term))
            problems.Add(nameof(TermsInput.DistrictTerm), t["地区の呼び方は「地区」か「地域」から選んでください。"]);
        if (!problems.Ok) return problems;

        var city = await db.Cities.FirstAsync(c => c.Id == currentCity.Required.Id, ct);
        city.CentreName = input.CentreName.Trim();
        city.CentreNameEn = Trimmed(input.CentreNameEn) ?? city.CentreNameEn;
        city.HasCentre = input.HasCentre;
        city.DeskName = Trimmed(input.DeskName);
        city.DeskNameEn = Trimmed(input.DeskNameEn);
        city.EvaluatingBodyName = Trimmed(input.EvaluatingBodyName);
        city.EvaluatingBodyNameEn = Trimmed(input.EvaluatingBodyNameEn);
        city.EvaluationTerm = Trimmed(input.EvaluationTerm);
        city.EvaluationTermEn = Trimmed(input.EvaluationTermEn);
        city.DistrictTerm = Trimmed(input.DistrictTerm);
        await db.SaveChangesAsync(ct);
        // Every request finds its city in the directory's copy: the new terms show from the next request on.
        directory.Invalidate();
        return city;
    }

    // ---- Departments ----

    /// <summary>Adds a department (<paramref name="id"/> null) or changes one.</summary>
    public async Task<Result<Department>> SaveDepartmentAsync(int? id, DepartmentInput input, CancellationToken ct = default)
    {
        var department = id is null ? null : await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (id is not null && department is null) return Problems.Of("", t["その担当課はありません。"]);
        var problems = await CheckDepartmentAsync(id, input, ct: ct);
        if (!problems.Ok) return problems;
        department ??= db.Departments.Add(new Department { CityId = currentCity.Required.Id, Name = "" }).Entity;
        Apply(department, input);
        await db.SaveChangesAsync(ct);
        return department;
    }

    public async Task<Problems> CheckDepartmentAsync(int? id, DepartmentInput input, IReadOnlyCollection<string>? namesTaken = null, CancellationToken ct = default)
    {
        var problems = new Problems();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) problems.Add(nameof(DepartmentInput.Name), t["担当課の名称を入力してください。"]);
        else if (namesTaken?.Contains(name) ?? await db.Departments.AnyAsync(d => d.Name == name && d.Id != id, ct))
            problems.Add(nameof(DepartmentInput.Name), t["「{0}」という担当課はすでにあります。", name]);
        if (input.ActiveFrom is { } from && input.ActiveTo is { } to && to < from)
            problems.Add(nameof(DepartmentInput.ActiveTo), t["廃止日は設置日より後の日にしてください。"]);
        if (input.SortOrder is < 0 or > 9999) problems.Add(nameof(DepartmentInput.SortOrder), t["表示順は0から9999までの数にしてください。"]);
        return problems;
    }

    internal static void Apply(Department department, DepartmentInput input)
    {
        department.Name = input.Name.Trim();
        department.NameEn = Trimmed(input.NameEn);
        department.Bureau = Trimmed(input.Bureau);
        department.Section = Trimmed(input.Section);
        department.SortOrder = input.SortOrder;
        department.ActiveFrom = input.ActiveFrom;
        department.ActiveTo = input.ActiveTo;
    }

    /// <summary>
    /// City hall reorganises: the department ends on <paramref name="lastDay"/> and its work goes on in its successor,
    /// either an existing department (a merger) or a new one by <paramref name="newName"/> (a renaming). The plan items it
    /// answers for and its staff move to the successor now; published reports keep the name they were published with.
    /// </summary>
    public async Task<Result<Department>> HandOverAsync(int departmentId, int? successorId, string? newName, DateOnly lastDay, CancellationToken ct = default)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null) return Problems.Of("", t["その担当課はありません。"]);
        if (department.SuccessorId is not null || department.ActiveTo is not null && department.ActiveTo < lastDay)
            return Problems.Of("", t["「{0}」はすでに廃止されています。", department.Name]);
        if (department.ActiveFrom is { } from && lastDay < from)
            return Problems.Of("LastDay", t["最後の日は設置日（{0}）より後の日にしてください。", Display.Date(from)]);

        var name = newName?.Trim() ?? "";
        if (successorId is null == (name.Length == 0))
            return Problems.Of("SuccessorId", t["引き継ぐ担当課を選ぶか、新しい名称を入力してください（どちらか一方）。"]);
        Department successor;
        if (successorId is { } sid)
        {
            var existing = await db.Departments.FirstOrDefaultAsync(d => d.Id == sid, ct);
            if (existing is null || existing.Id == department.Id || existing.ActiveTo is { } end && end <= lastDay)
                return Problems.Of("SuccessorId", t["引き継ぐ担当課は、{0}より後も続く別の担当課から選んでください。", Display.Date(lastDay)]);
            successor = existing;
        }
        else
        {
            if (name.Length > 100) return Problems.Of("NewName", t["{0}は{1}文字以内で入力してください。", t["新しい名称"], 100]);
            if (await db.Departments.AnyAsync(d => d.Name == name, ct)) return Problems.Of("NewName", t["「{0}」という担当課はすでにあります。", name]);
            successor = db.Departments.Add(new Department
            {
                CityId = department.CityId,
                Name = name,
                Bureau = department.Bureau,
                Section = department.Section,
                SortOrder = department.SortOrder,
                ActiveFrom = lastDay.AddDays(1),
            }).Entity;
        }

        return await db.InTurnAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            department.ActiveTo = lastDay;
            department.SuccessorId = successor.Id;
            await MoveWorkAsync(department, successor, ct);
            await db.SaveChangesAsync(ct);
            return (Result<Department>)successor;
        }, ct);
    }

    /// <summary>
    /// Gives the plan items a department answers for, and its staff, to its successor (the caller saves). Where the
    /// successor already answers for an item, the item keeps one line.
    /// </summary>
    internal async Task MoveWorkAsync(Department department, Department successor, CancellationToken ct)
    {
        var items = await db.Set<PlanNodeDepartment>().Where(d => d.DepartmentId == department.Id).ToListAsync(ct);
        var alreadyTheirs = await db.Set<PlanNodeDepartment>().Where(d => d.DepartmentId == successor.Id).Select(d => d.NodeId).ToListAsync(ct);
        foreach (var item in items)
        {
            db.Remove(item);
            if (!alreadyTheirs.Contains(item.NodeId))
                db.Add(new PlanNodeDepartment { NodeId = item.NodeId, DepartmentId = successor.Id, SortOrder = item.SortOrder });
        }
        foreach (var member in await db.CityMemberships.Where(m => m.DepartmentId == department.Id).ToListAsync(ct))
            member.DepartmentId = successor.Id;
    }

    // ---- Districts ----

    public async Task<Result<District>> SaveDistrictAsync(int? id, DistrictInput input, CancellationToken ct = default)
    {
        var district = id is null ? null : await db.Districts.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (id is not null && district is null) return Problems.Of("", t["その{0}はありません。", currentCity.Required.DistrictTermDisplay(Text.IsEnglish)]);
        var problems = await CheckDistrictAsync(id, input, ct);
        if (!problems.Ok) return problems;
        district ??= db.Districts.Add(new District { CityId = currentCity.Required.Id, Name = "" }).Entity;
        ApplyDistrict(district, input);
        await db.SaveChangesAsync(ct);
        return district;
    }

    public async Task<Problems> CheckDistrictAsync(int? id, DistrictInput input, CancellationToken ct = default)
    {
        var problems = new Problems();
        var name = input.Name?.Trim() ?? "";
        var term = currentCity.Required.DistrictTermDisplay(Text.IsEnglish);
        if (name.Length == 0) problems.Add(nameof(DistrictInput.Name), t["{0}の名前を入力してください。", term]);
        else if (await db.Districts.AnyAsync(d => d.Name == name && d.Id != id, ct))
            problems.Add(nameof(DistrictInput.Name), t["「{0}」という{1}はすでにあります。", name, term]);
        if (input.SortOrder is < 0 or > 9999) problems.Add(nameof(DistrictInput.SortOrder), t["表示順は0から9999までの数にしてください。"]);
        return problems;
    }

    internal static void ApplyDistrict(District district, DistrictInput input)
    {
        district.Name = input.Name.Trim();
        district.NameEn = Trimmed(input.NameEn);
        district.CouncilName = Trimmed(input.CouncilName);
        district.SortOrder = input.SortOrder;
    }

    /// <summary>Records a year's figures of a district (replacing that year's), and shows the latest year's on the district.</summary>
    public async Task<Result<DistrictPopulation>> SetPopulationAsync(int districtId, PopulationInput input, CancellationToken ct = default)
    {
        var district = await db.Districts.Include(d => d.Populations).FirstOrDefaultAsync(d => d.Id == districtId, ct);
        if (district is null) return Problems.Of("", t["その{0}はありません。", currentCity.Required.DistrictTermDisplay(Text.IsEnglish)]);
        var problems = CheckPopulation(input);
        if (!problems.Ok) return problems;
        var row = SetPopulation(district, input);
        await db.SaveChangesAsync(ct);
        return row;
    }

    public Problems CheckPopulation(PopulationInput input)
    {
        var problems = new Problems();
        if (input.Year is < FirstYear or > LastYear) problems.Add(nameof(PopulationInput.Year), t["年は{0}から{1}までの西暦で入力してください。", FirstYear, LastYear]);
        if (input.Population is null && input.Population65Plus is null && input.Households is null)
            problems.Add(nameof(PopulationInput.Population), t["人口、65歳以上人口、世帯数のどれかを入力してください。"]);
        foreach (var (field, value) in new[] { (nameof(PopulationInput.Population), input.Population), (nameof(PopulationInput.Population65Plus), input.Population65Plus), (nameof(PopulationInput.Households), input.Households) })
            if (value is < 0 or > 10_000_000) problems.Add(field, t["0から10000000までの数にしてください。"]);
        if (input.Population is { } all && input.Population65Plus is { } older && older > all)
            problems.Add(nameof(PopulationInput.Population65Plus), t["65歳以上人口が人口より多くなっています。"]);
        return problems;
    }

    internal static DistrictPopulation SetPopulation(District district, PopulationInput input)
    {
        var row = district.Populations.FirstOrDefault(p => p.Year == input.Year);
        if (row is null) district.Populations.Add(row = new DistrictPopulation { DistrictId = district.Id, Year = input.Year });
        row.Population = input.Population;
        row.Population65Plus = input.Population65Plus;
        row.Households = input.Households;
        ShowLatest(district);
        return row;
    }

    public async Task<bool> RemovePopulationAsync(int districtId, int year, CancellationToken ct = default)
    {
        var district = await db.Districts.Include(d => d.Populations).FirstOrDefaultAsync(d => d.Id == districtId, ct);
        if (district?.Populations.FirstOrDefault(p => p.Year == year) is not { } row) return false;
        district.Populations.Remove(row);
        ShowLatest(district);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The district's own columns show its latest year, as pages and the API read them.</summary>
    private static void ShowLatest(District district)
    {
        if (district.Populations.OrderByDescending(p => p.Year).FirstOrDefault() is not { } latest) return;
        district.Population = latest.Population;
        district.Population65Plus = latest.Population65Plus;
        district.Households = latest.Households;
        district.AgingRatePercent = latest is { Population: > 0, Population65Plus: { } older }
            ? Math.Round(older * 100m / latest.Population.Value, 1) : null;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
