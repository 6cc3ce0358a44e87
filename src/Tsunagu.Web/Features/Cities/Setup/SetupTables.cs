using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Cities.Setup;

/// <summary>The city's tables a city administrator keeps in a spreadsheet.</summary>
public enum SetupTable { Departments, Districts }

/// <summary>
/// Departments and districts to and from CSV or Excel, in the same columns both ways: what the download writes reads
/// back the same. A row is found by its 名称: a new name adds, a known one changes. Every row is checked first and
/// every problem is reported with its row and column; only a file without problems is written, in one transaction.
/// </summary>
public class SetupTables(TsunaguDb db, CitySetup setup, CurrentCity currentCity, TimeProvider clock)
{
    public static readonly string[] DepartmentHeadings = ["名称", "英語名", "部", "課・室", "表示順", "設置日", "廃止日", "引継先"];
    public static readonly string[] DistrictHeadings = ["名称", "英語名", "協議会名", "表示順", "年", "人口", "65歳以上人口", "世帯数"];

    /// <summary>A district's own columns: on each of its rows, written or left empty, never different.</summary>
    private static readonly string[] DistrictColumns = ["英語名", "協議会名", "表示順"];
    private static readonly string[] FigureColumns = ["人口", "65歳以上人口", "世帯数"];

    public static IReadOnlyList<string> Headings(SetupTable table) => table == SetupTable.Departments ? DepartmentHeadings : DistrictHeadings;

    /// <summary>What the import found: the problems, or what it adds and changes (a line per row, for the preview).</summary>
    public sealed record Result(List<ImportProblem> Problems, int Added, int Changed, List<IReadOnlyList<string>> Preview)
    {
        public bool Ok => Problems.Count == 0;
    }

    public Task<Result> CheckAsync(SetupTable table, byte[] content, CancellationToken ct = default) =>
        table == SetupTable.Departments ? DepartmentsAsync(content, write: false, ct) : DistrictsAsync(content, write: false, ct);

    /// <summary>Checks again (the city may have changed since the preview) and writes everything or nothing.</summary>
    public Task<Result> CommitAsync(SetupTable table, byte[] content, Guid? uploadId = null, CancellationToken ct = default) =>
        db.InTurnAsync(async () =>
        {
            if (uploadId is { } id)
            {
                // Claimed inside the transaction: a second commit of the same file (a double click) finds it taken.
                var claimed = await db.ImportUploads.Where(u => u.Id == id && u.CommittedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.CommittedAt, clock.GetUtcNow().UtcDateTime), ct);
                if (claimed == 0) return new Result([new ImportProblem(null, null, "このファイルはすでに取り込みました。")], 0, 0, []);
            }
            return table == SetupTable.Departments ? await DepartmentsAsync(content, write: true, ct) : await DistrictsAsync(content, write: true, ct);
        }, ct, commitIf: r => r.Ok);

    public async Task<byte[]> DownloadAsync(SetupTable table, CancellationToken ct = default)
    {
        if (table == SetupTable.Departments)
        {
            var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);
            var names = departments.ToDictionary(d => d.Id, d => d.Name);
            return SpreadsheetWriter.Table("担当課", DepartmentHeadings, departments.Select(d => (IReadOnlyList<SheetCell>)
            [
                SheetCell.Text(d.Name), SheetCell.Text(d.NameEn), SheetCell.Text(d.Bureau), SheetCell.Text(d.Section), SheetCell.Number(d.SortOrder),
                SheetCell.Date(d.ActiveFrom), SheetCell.Date(d.ActiveTo), SheetCell.Text(d.SuccessorId is { } s ? names.GetValueOrDefault(s) : null),
            ]));
        }
        var districts = await db.Districts.AsNoTracking().Include(d => d.Populations).OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);
        // A row per district and year; a district without figures still has its row.
        var rows = districts.SelectMany(d => (d.Populations.Count == 0 ? [null] : d.Populations.OrderBy(p => p.Year).Cast<DistrictPopulation?>())
            .Select(p => (IReadOnlyList<SheetCell>)
            [
                SheetCell.Text(d.Name), SheetCell.Text(d.NameEn), SheetCell.Text(d.CouncilName), SheetCell.Number(d.SortOrder),
                SheetCell.Number(p?.Year), SheetCell.Number(p?.Population), SheetCell.Number(p?.Population65Plus), SheetCell.Number(p?.Households),
            ]));
        return SpreadsheetWriter.Table(currentCity.Required.DistrictTermDisplay(false), DistrictHeadings, rows);
    }

    private async Task<Result> DepartmentsAsync(byte[] content, bool write, CancellationToken ct)
    {
        var (table, problems) = ImportTable.Read(content, ct);
        if (table is null) return Refused(problems);
        problems = ImportTable.HeadingProblems(table, DepartmentHeadings, ["名称"]);
        if (problems.Count > 0) return Refused(problems);

        var existing = write ? await db.Departments.ToListAsync(ct) : await db.Departments.AsNoTracking().ToListAsync(ct);
        var byName = existing.ToDictionary(d => d.Name);
        var inFile = new Dictionary<string, int>();
        var rows = new List<(int Row, CitySetup.DepartmentInput Input, string? Successor)>();
        foreach (var tableRow in table.Rows)
        {
            var row = tableRow.Number;
            string Cell(string column) => table.Text(tableRow, column);
            void Problem(string column, string message) => problems.Add(new ImportProblem(row, column, message));
            var name = Cell("名称");
            if (name.Length > 0 && inFile.TryGetValue(name, out var first)) Problem("名称", $"{first}行目と同じ名称です。");
            else if (name.Length > 0) inFile[name] = row;
            var input = new CitySetup.DepartmentInput(name, Optional(Cell("英語名")), Optional(Cell("部")), Optional(Cell("課・室")),
                Order(Cell("表示順"), byName.GetValueOrDefault(name)?.SortOrder ?? rows.Count, m => Problem("表示順", m)),
                Date(Cell("設置日"), m => Problem("設置日", m)), Date(Cell("廃止日"), m => Problem("廃止日", m)));
            foreach (var p in await setup.CheckDepartmentAsync(null, input, namesTaken: [], ct))
                Problem(DepartmentColumn(p.Field), p.Message);
            Lengths(input.Name, 100, "名称", Problem);
            Lengths(input.NameEn, 200, "英語名", Problem);
            Lengths(input.Bureau, 100, "部", Problem);
            Lengths(input.Section, 100, "課・室", Problem);
            var successor = Optional(Cell("引継先"));
            if (successor is not null)
            {
                if (successor == name) Problem("引継先", "引継先に自分の名称は書けません。");
                else if (!byName.ContainsKey(successor) && !table.Rows.Any(r => table.Text(r, "名称") == successor))
                    Problem("引継先", $"「{successor}」という担当課はありません（この市にも、このファイルにも）。");
                if (input.ActiveTo is null) Problem("廃止日", "引継先を書くときは、廃止日（最後の日）も書いてください。");
            }
            rows.Add((row, input, successor));
        }
        if (table.Rows.Count == 0) problems.Add(new ImportProblem(null, null, "取り込む行がありません。"));
        if (problems.Count > 0) return Refused(problems);

        var preview = rows.Select(r => (IReadOnlyList<string>)
        [
            r.Input.Name, r.Input.Bureau ?? "", r.Input.Section ?? "", Iso(r.Input.ActiveFrom), Iso(r.Input.ActiveTo), r.Successor ?? "",
            byName.ContainsKey(r.Input.Name) ? "変更" : "追加",
        ]).ToList();
        var added = rows.Count(r => !byName.ContainsKey(r.Input.Name));
        if (!write) return new Result([], added, rows.Count - added, preview);

        foreach (var (_, input, _) in rows)
        {
            if (!byName.TryGetValue(input.Name, out var department))
                byName[input.Name] = department = db.Departments.Add(new Department { CityId = currentCity.Required.Id, Name = input.Name }).Entity;
            CitySetup.Apply(department, input);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (_, input, successorName) in rows)
        {
            var department = byName[input.Name];
            var successor = successorName is null ? null : byName[successorName];
            if (department.SuccessorId == successor?.Id) continue;
            department.SuccessorId = successor?.Id;
            // A department that now ends in a successor hands its items and staff over, as on the page.
            if (successor is not null) await setup.MoveWorkAsync(department, successor, ct);
        }
        await db.SaveChangesAsync(ct);
        return new Result([], added, rows.Count - added, preview);
    }

    private async Task<Result> DistrictsAsync(byte[] content, bool write, CancellationToken ct)
    {
        var (table, problems) = ImportTable.Read(content, ct);
        if (table is null) return Refused(problems);
        problems = ImportTable.HeadingProblems(table, DistrictHeadings, ["名称"]);
        if (problems.Count > 0) return Refused(problems);

        var query = db.Districts.Include(d => d.Populations);
        var existing = write ? await query.ToListAsync(ct) : await query.AsNoTracking().ToListAsync(ct);
        var byName = existing.ToDictionary(d => d.Name);
        // A district may have a row per year: its own columns are read where written, and must agree.
        var districts = new Dictionary<string, (int Row, Dictionary<string, string> Values)>();
        var years = new Dictionary<(string, int), int>();
        var figures = new List<(string District, CitySetup.PopulationInput Input)>();
        foreach (var tableRow in table.Rows)
        {
            var row = tableRow.Number;
            string Cell(string column) => table.Text(tableRow, column);
            void Problem(string column, string message) => problems.Add(new ImportProblem(row, column, message));
            var name = Cell("名称");
            if (name.Length == 0) { Problem("名称", "入力してください。"); continue; }
            Lengths(name, 100, "名称", Problem);
            if (!districts.TryGetValue(name, out var district)) districts[name] = district = (row, []);
            foreach (var column in DistrictColumns)
            {
                var value = Cell(column);
                if (value.Length == 0) continue;
                if (district.Values.TryGetValue(column, out var earlier) && earlier != value)
                    Problem(column, $"{district.Row}行目以降の同じ{currentCity.Required.DistrictTermDisplay(false)}と違う値です（「{earlier}」）。");
                else district.Values[column] = value;
            }
            Lengths(Cell("英語名"), 100, "英語名", Problem);
            Lengths(Cell("協議会名"), 200, "協議会名", Problem);
            if (Cell("表示順").Length > 0) Order(Cell("表示順"), 0, m => Problem("表示順", m));

            var yearText = Cell("年");
            var anyFigure = FigureColumns.Any(c => Cell(c).Length > 0);
            if (yearText.Length == 0)
            {
                if (anyFigure) Problem("年", "人口などを書くときは、その年（西暦）も書いてください。");
                continue;
            }
            if (!int.TryParse(Normalized(yearText), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                Problem("年", "年は西暦の数字で書いてください（例：2024）。");
                continue;
            }
            if (years.TryGetValue((name, year), out var firstRow)) Problem("年", $"{firstRow}行目と同じ{currentCity.Required.DistrictTermDisplay(false)}・同じ年です。");
            else years[(name, year)] = row;
            var input = new CitySetup.PopulationInput(year, Count(Cell("人口"), m => Problem("人口", m)),
                Count(Cell("65歳以上人口"), m => Problem("65歳以上人口", m)), Count(Cell("世帯数"), m => Problem("世帯数", m)));
            foreach (var p in setup.CheckPopulation(input)) Problem(PopulationColumn(p.Field), p.Message);
            figures.Add((name, input));
        }
        if (table.Rows.Count == 0) problems.Add(new ImportProblem(null, null, "取り込む行がありません。"));
        if (problems.Count > 0) return Refused(problems);

        var preview = districts.Select(d => (IReadOnlyList<string>)
        [
            d.Key, d.Value.Values.GetValueOrDefault("協議会名") ?? "",
            string.Join("、", figures.Where(f => f.District == d.Key).Select(f => f.Input.Year.ToString(CultureInfo.InvariantCulture))),
            byName.ContainsKey(d.Key) ? "変更" : "追加",
        ]).ToList();
        var added = districts.Keys.Count(n => !byName.ContainsKey(n));
        if (!write) return new Result([], added, districts.Count - added, preview);

        foreach (var (name, (_, values)) in districts)
        {
            if (!byName.TryGetValue(name, out var district))
                byName[name] = district = db.Districts.Add(new District { CityId = currentCity.Required.Id, Name = name, SortOrder = byName.Count }).Entity;
            // Columns left empty keep what the city has.
            CitySetup.ApplyDistrict(district, new CitySetup.DistrictInput(name, values.GetValueOrDefault("英語名") ?? district.NameEn,
                values.GetValueOrDefault("協議会名") ?? district.CouncilName,
                values.TryGetValue("表示順", out var order) ? int.Parse(Normalized(order), CultureInfo.InvariantCulture) : district.SortOrder));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (name, input) in figures) CitySetup.SetPopulation(byName[name], input);
        await db.SaveChangesAsync(ct);
        return new Result([], added, districts.Count - added, preview);
    }

    private static Result Refused(List<ImportProblem> problems) => new(problems, 0, 0, []);

    private static string DepartmentColumn(string field) => field switch
    {
        nameof(CitySetup.DepartmentInput.ActiveTo) => "廃止日",
        nameof(CitySetup.DepartmentInput.SortOrder) => "表示順",
        _ => "名称",
    };

    private static string PopulationColumn(string field) => field switch
    {
        nameof(CitySetup.PopulationInput.Year) => "年",
        nameof(CitySetup.PopulationInput.Population65Plus) => "65歳以上人口",
        nameof(CitySetup.PopulationInput.Households) => "世帯数",
        _ => "人口",
    };

    private static string? Optional(string text) => text.Length == 0 ? null : text;

    private static void Lengths(string? text, int max, string column, Action<string, string> problem)
    {
        if (text is { Length: var n } && n > max) problem(column, $"{max}文字以内にしてください。");
    }

    private static string Normalized(string text) => text.Normalize(NormalizationForm.FormKC).Replace(",", "").Trim();

    private static int Order(string text, int otherwise, Action<string> problem)
    {
        if (text.Length == 0) return otherwise;
        if (int.TryParse(Normalized(text), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 9999) return n;
        problem("表示順は0から9999までの数にしてください。");
        return otherwise;
    }

    private static int? Count(string text, Action<string> problem)
    {
        if (text.Length == 0) return null;
        if (int.TryParse(Normalized(text), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        problem("0以上の整数で書いてください（例：12,345）。");
        return null;
    }

    private static DateOnly? Date(string text, Action<string> problem)
    {
        if (text.Length == 0) return null;
        if (DateOnly.TryParseExact(Normalized(text).Replace('/', '-'), "yyyy-M-d", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && Tsunagu.Web.Shared.CalendarRange.Contains(date)) return date;
        problem("日付は 2012-04-01 の形（1900年から2100年まで）にしてください。");
        return null;
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
