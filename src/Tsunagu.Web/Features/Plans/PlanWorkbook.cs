using System.Globalization;
using System.Text;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Shared.Spreadsheets;

namespace Tsunagu.Web.Features.Plans;

/// <summary>
/// A plan as an Excel workbook (docs/plan-format.md, "Excel workbook"): sheets 計画, 項目, 再掲 and 指標. Reading gives the
/// header and the flat list of nodes the importer checks; places are written 「項目!12 列「担当課」」 (sheet!row, then the column's heading).
/// </summary>
public static class PlanWorkbook
{
    public const string PlanSheet = "計画", NodeSheet = "項目", RepeatSheet = "再掲", IndicatorSheet = "指標";

    // Column headings, in the order they are written.
    private const string Key = "キー", Title = "計画名", From = "初年度", To = "最終年度", Levels = "階層", Source = "出典", Grades = "評価の段階";
    private const string Ref = "番号", Parent = "上位番号", Level = "階層", Name = "名前", Aim = "ねらい", Kind = "種別", Departments = "担当課",
        Actors = "対象主体", Purpose = "目的", Content = "内容", Completion = "完了の目安", Priority = "重点", Pillars = "柱", Roles = "役割";
    private const string Original = "もとの番号", Listed = "再掲の番号";
    private const string IndicatorNode = "項目番号", IndicatorName = "指標名", Unit = "単位", Direction = "向き", BaselineYear = "基準年度", BaselineValue = "基準値",
        TargetYear = "目標年度", TargetValue = "目標値", IndicatorSource = "集計元", Note = "備考", IndicatorKind = "種類", Parameters = "集計の条件";

    private static readonly string[] PlanColumns = [Key, Title, From, To, Levels, Source, Grades];
    private static readonly string[] NodeColumns = [Ref, Parent, Level, Name, Aim, Kind, Departments, Actors, Purpose, Content, Completion, Priority, Pillars, Roles];
    private static readonly string[] RepeatColumns = [Original, Parent, Listed];
    private static readonly string[] IndicatorColumns = [IndicatorNode, IndicatorName, Unit, IndicatorKind, Direction, BaselineYear, BaselineValue, TargetYear, TargetValue, IndicatorSource, Parameters, Note];

    private static readonly string[] PlanRequired = [Key, Title, From, To, Levels];
    private static readonly string[] NodeRequired = [Ref, Parent, Name];
    private static readonly string[] RepeatRequired = [Original, Parent];
    private static readonly string[] IndicatorRequired = [IndicatorName, Unit, Direction, BaselineYear, BaselineValue, TargetYear, TargetValue];

    private const string Higher = "高いほどよい", Lower = "低いほどよい", None = "－", PriorityMark = "○";
    private const char ListSeparator = '、', LevelSeparator = '>';

    // ---------------------------------------------------------------- writing

    public static byte[] Write(PlanFile plan)
    {
        SheetCell[] planRow =
        [
            plan.Key, plan.Title, plan.Period?.From, plan.Period?.To, string.Join(LevelSeparator, plan.Levels ?? []), plan.Source,
            plan.Grades is null ? null : string.Join(ListSeparator, plan.Grades.Select(g => $"{g.Code}:{g.Label}")),
        ];

        var nodeYears = Years(plan.Period, Walk(plan.Nodes, null, 0).SelectMany(w => w.Node.Yearly?.Keys ?? Enumerable.Empty<string>()));
        var nodeRows = new List<SheetCell[]>();
        var repeatRows = new List<SheetCell[]>();
        foreach (var (node, parent, depth) in Walk(plan.Nodes, null, 0))
        {
            if (node.RepeatOf is not null)
            {
                repeatRows.Add([node.RepeatOf, parent, node.Ref == node.RepeatOf ? null : node.Ref]);
                continue;
            }
            nodeRows.Add(
            [
                node.Ref, parent, plan.Levels is { } levels && depth < levels.Count ? levels[depth] : null, node.Title, node.Aim, node.Kind,
                Join(node.Departments), Join(node.Actors), node.Purpose, node.Content, node.Completion ?? None, node.Priority == true ? PriorityMark : null,
                Join(node.Pillars), node.Roles is { Count: > 0 } roles ? string.Join('\n', roles.Select(r => $"{r.Key}:{r.Value}")) : null,
                .. nodeYears.Select(y => (SheetCell)YearValue(node.Yearly, y)),
            ]);
        }

        var indicators = plan.Indicators ?? [];
        var indicatorYears = Years(plan.Period, indicators.SelectMany(i => (i.Actuals?.Keys ?? Enumerable.Empty<string>())
            .Append(i.Baseline?.Year ?? "").Append(i.Target?.Year ?? "")).Where(y => y.Length > 0), keepUnreadable: false);
        var indicatorRows = indicators.Select(i => (SheetCell[])
        [
            i.Node, i.Name, i.Unit, IndicatorKinds.Parse(i.Kind) is { } kind ? IndicatorKinds.Japanese(kind) : i.Kind,
            i.Direction switch { "higher" => Higher, "lower" => Lower, var d => d },
            i.Baseline?.Year, i.Baseline?.Value, i.Target?.Year, i.Target?.Value, i.Source, i.Parameters, i.Note,
            .. indicatorYears.Select(y => (SheetCell)i.Actuals?.Where(a => SameYear(a.Key, y)).Select(a => (decimal?)a.Value).FirstOrDefault()),
        ]).ToList();

        var workbook = new SpreadsheetWriter();
        AddSheet(workbook, PlanSheet, PlanColumns, [planRow]);
        AddSheet(workbook, NodeSheet, [.. NodeColumns, .. nodeYears], nodeRows);
        AddSheet(workbook, RepeatSheet, RepeatColumns, repeatRows);
        AddSheet(workbook, IndicatorSheet, [.. IndicatorColumns, .. indicatorYears], indicatorRows);
        return workbook.ToBytes();

        static string? Join(List<string>? items) => items is { Count: > 0 } ? string.Join(ListSeparator, items) : null;
        static string? YearValue(Dictionary<string, string>? yearly, string year) => yearly?.Where(y => SameYear(y.Key, year)).Select(y => y.Value).FirstOrDefault();
    }

    /// <summary>The nodes in tree order with their parent's ref and depth.</summary>
    private static IEnumerable<(NodeFile Node, string? Parent, int Depth)> Walk(List<NodeFile>? nodes, string? parent, int depth)
    {
        foreach (var node in nodes ?? [])
        {
            yield return (node, parent, depth);
            if (node.RepeatOf is null)
                foreach (var child in Walk(node.Children, node.Ref, depth + 1)) yield return child;
        }
    }

    /// <summary>Year headings: every fiscal year of the period, plus any other year the data names (so nothing is lost), H25/R8 style.</summary>
    private static List<string> Years(PeriodFile? period, IEnumerable<string> named, bool keepUnreadable = true)
    {
        var years = new SortedSet<int>();
        if (JapaneseDates.TryParseFiscalYear(period?.From, out var from) && JapaneseDates.TryParseFiscalYear(period?.To, out var to) && to.StartYear - from.StartYear is >= 0 and <= 50)
            for (var y = from.StartYear; y <= to.StartYear; y++) years.Add(y);
        var unreadable = new List<string>();
        foreach (var text in named)
        {
            if (JapaneseDates.TryParseFiscalYear(text, out var fy)) years.Add(fy.StartYear);
            else if (keepUnreadable && !unreadable.Contains(text)) unreadable.Add(text);
        }
        // In the era the plan was written in: a plan of H29–H33 keeps H31, H32, H33.
        var era = years.Count == 0 ? null : JapaneseDates.EraOf(new FiscalYear(years.Min));
        return [.. years.Select(y => JapaneseDates.ToShortEra(new FiscalYear(y), era)), .. unreadable];
    }

    private static bool SameYear(string a, string b) =>
        a == b || (JapaneseDates.TryParseFiscalYear(a, out var x) && JapaneseDates.TryParseFiscalYear(b, out var y) && x.StartYear == y.StartYear);

    /// <summary>A sheet with its headings in bold on the frozen first row; long texts get wide columns.</summary>
    private static void AddSheet(SpreadsheetWriter workbook, string name, IReadOnlyList<string> headings, IEnumerable<SheetCell[]> rows)
    {
        var widths = headings.Select(h => h is Name or Aim or Purpose or Content or Completion or Roles or Title or Source or Grades or IndicatorName or Note ? 40.0 : h.Length > 4 ? 14 : 10);
        var sheet = workbook.AddSheet(name, [.. widths], freezeHeader: true);
        sheet.Headings(headings, SheetCellStyle.Bold);
        foreach (var row in rows) sheet.Row(row);
    }

    // ---------------------------------------------------------------- reading

    /// <summary>What a workbook gives: the header (null when the workbook cannot be read as a plan), the nodes in the order of the rows, the problems found while reading.</summary>
    public static (PlanFile? Header, List<PlanImporter.FlatNode> Nodes, List<PlanImporter.Problem> Problems) Read(byte[] xlsx, CancellationToken ct = default)
    {
        var reading = ReadWithPlaces(xlsx, ct);
        return (reading.Header, reading.Nodes, reading.Problems);
    }

    /// <summary>A read workbook, and where each indicator came from, so the importer's problems can be shown at their sheet, row and column.</summary>
    public sealed class Reading
    {
        public PlanFile? Header { get; set; }
        public List<PlanImporter.FlatNode> Nodes { get; } = [];
        public List<PlanImporter.Problem> Problems { get; } = [];
        internal int PlanRow { get; set; } = 2;
        internal List<int> IndicatorRows { get; } = [];

        private static readonly Dictionary<string, string> NodeFields = new()
        {
            ["ref"] = Ref,
            ["parent"] = Parent,
            ["title"] = Name,
            ["kind"] = Kind,
            ["departments"] = Departments,
            ["actors"] = Actors,
            ["aim"] = Aim,
            ["purpose"] = Purpose,
            ["content"] = Content,
            ["completion"] = Completion,
            ["repeatOf"] = Original,
        };
        private static readonly Dictionary<string, string> IndicatorFields = new()
        {
            ["node"] = IndicatorNode,
            ["name"] = IndicatorName,
            ["unit"] = Unit,
            ["direction"] = Direction,
            ["source"] = IndicatorSource,
            ["kind"] = IndicatorKind,
            ["parameters"] = Parameters,
            ["note"] = Note,
            ["baseline.year"] = BaselineYear,
            ["baseline.value"] = BaselineValue,
            ["target.year"] = TargetYear,
            ["target.value"] = TargetValue,
        };
        private static readonly Dictionary<string, string> PlanFields = new()
        {
            ["key"] = Key,
            ["title"] = Title,
            ["period.from"] = From,
            ["period.to"] = To,
            ["period"] = From,
            ["levels"] = Levels,
            ["grades"] = Grades,
            ["source"] = Source,
        };

        /// <summary>The importer's place ("項目!12.departments[0]", "indicators[3].target.value", "key") as sheet, row and column.</summary>
        public PlanImporter.Problem Locate(PlanImporter.Problem problem)
        {
            var where = problem.Where;
            if (where.Contains('!'))
            {
                var dot = where.IndexOf('.', where.IndexOf('!'));
                if (dot < 0) return problem;
                var (row, field) = (where[..dot], where[(dot + 1)..]);
                if (field.StartsWith("yearly.", StringComparison.Ordinal)) return problem with { Where = At(row, field["yearly.".Length..]) };
                var name = field.Split('[', '.')[0];
                return problem with { Where = NodeFields.TryGetValue(name, out var column) ? At(row, column) : row };
            }
            if (where.StartsWith("indicators[", StringComparison.Ordinal))
            {
                var close = where.IndexOf(']');
                if (close < 0 || !int.TryParse(where["indicators[".Length..close], NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= IndicatorRows.Count) return problem;
                var row = $"{IndicatorSheet}!{IndicatorRows[i]}";
                var field = close + 2 <= where.Length ? where[Math.Min(close + 2, where.Length)..] : "";
                if (field.StartsWith("actuals.", StringComparison.Ordinal)) return problem with { Where = At(row, field["actuals.".Length..]) };
                return problem with { Where = IndicatorFields.TryGetValue(field, out var column) ? At(row, column) : row };
            }
            return PlanFields.TryGetValue(where, out var planColumn) ? problem with { Where = At($"{PlanSheet}!{PlanRow}", planColumn) }
                : where == "format" ? problem with { Where = PlanSheet } : problem;
        }
    }

    private static string At(string row, string column) => $"{row} 列「{column}」";

    public static Reading ReadWithPlaces(byte[] xlsx, CancellationToken ct = default)
    {
        var reading = new Reading();
        void Problem(string where, string message) => reading.Problems.Add(new PlanImporter.Problem(where, message));

        var sheets = new Dictionary<string, HeadedTable>();
        try
        {
            // A name used twice: the first sheet of that name counts.
            foreach (var sheet in SpreadsheetReader.ReadAll(xlsx, ct: ct)) sheets.TryAdd(sheet.Name, HeadedTable.From(sheet.Rows));
        }
        catch (SpreadsheetLimitException e)
        {
            Problem("ファイル", e.Message);
            return reading;
        }
        catch (UnreadableSpreadsheetException)
        {
            Problem("ファイル", "Excelファイル（.xlsx）として読み取れません。Excelで「Excel ブック (*.xlsx)」として保存し直してください。");
            return reading;
        }

        var plan = Sheet(PlanSheet, PlanRequired, required: true, "計画の名前・期間・階層を1行目の見出しの下（2行目）に書くシートです。");
        var nodes = Sheet(NodeSheet, NodeRequired, required: true, "項目を1行に1つずつ書くシートです。");
        var repeats = Sheet(RepeatSheet, RepeatRequired, required: false, null);
        var indicators = Sheet(IndicatorSheet, IndicatorRequired, required: false, null);
        if (reading.Problems.Count > 0) return reading;

        // 計画: the heading row and one row.
        var planRow = plan!.Rows.Count > 0 ? plan.Rows[0] : null;
        if (planRow is null)
        {
            Problem($"{PlanSheet}!{plan.HeadingRow + 1}", "計画の行がありません。見出しの下の行に、キー・計画名・期間・階層を書いてください。");
            return reading;
        }
        reading.PlanRow = planRow.Number;
        if (plan.Rows.Count > 1) Problem($"{PlanSheet}!{plan.Rows[1].Number}", "計画のシートに書けるのは1行だけです。2行目以降は消してください。");
        string? PlanCell(string column) => plan.TextOrNull(planRow, column);
        var header = new PlanFile
        {
            Format = PlanFile.FormatName,
            Key = PlanCell(Key),
            Title = PlanCell(Title),
            Source = PlanCell(Source),
            Period = new PeriodFile { From = PlanCell(From), To = PlanCell(To) },
            Levels = PlanCell(Levels)?.Split(LevelSeparator, '＞').Select(l => l.Trim()).Where(l => l.Length > 0).ToList(),
            Nodes = [],
        };
        if (PlanCell(Grades) is { } gradesText)
        {
            header.Grades = [];
            foreach (var part in Split(gradesText))
            {
                var colon = part.IndexOfAny([':', '：']);
                if (colon <= 0) { Problem(At($"{PlanSheet}!{planRow.Number}", Grades), $"評価の段階「{part}」は「A:計画どおり」のように、記号と説明を「:」でつないでください。"); continue; }
                header.Grades.Add(new GradeFile { Code = part[..colon].Trim(), Label = part[(colon + 1)..].Trim() });
            }
        }

        // 項目: one row per node; the headings after the named columns are fiscal years.
        var nodeYears = YearColumns(NodeSheet, nodes!, NodeColumns);
        foreach (var row in nodes!.Rows)
        {
            var where = $"{NodeSheet}!{row.Number}";
            string? Cell(string column) => nodes.TextOrNull(row, column);
            var @ref = Cell(Ref);
            if (@ref is null) Problem(At(where, Ref), "番号を入力してください。番号のない行は取り込めません。");
            var node = new NodeFile
            {
                Ref = @ref,
                Title = Cell(Name),
                Aim = Cell(Aim),
                Kind = Cell(Kind),
                Departments = List(Cell(Departments)),
                Actors = List(Cell(Actors)),
                Purpose = Cell(Purpose),
                Content = Cell(Content),
                Completion = Cell(Completion) is None or "-" ? null : Cell(Completion),
                Pillars = List(Cell(Pillars)),
            };
            if (Cell(Priority) is PriorityMark or "◯") node.Priority = true;
            else if (Cell(Priority) is { } mark) Problem(At(where, Priority), $"重点の「{mark}」は使えません。重点の項目は「○」、それ以外は空欄にしてください。");
            if (Cell(Roles) is { } rolesText)
            {
                node.Roles = [];
                foreach (var line in rolesText.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
                {
                    var colon = line.IndexOfAny([':', '：']);
                    if (colon <= 0) Problem(At(where, Roles), $"役割「{line}」は「市:本文」のように、役割と本文を「:」でつなぎ、1行に1つ書いてください。");
                    else if (!node.Roles.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim())) Problem(At(where, Roles), $"役割「{line[..colon].Trim()}」が2回あります。");
                }
            }
            foreach (var (index, heading) in nodeYears)
                if (row[index].Trim() is { Length: > 0 } word) (node.Yearly ??= [])[heading] = word;
            reading.Nodes.Add(new PlanImporter.FlatNode(where, @ref, Cell(Parent), 0, node));
        }

        // 再掲: the same node listed again under another parent.
        foreach (var row in repeats?.Rows ?? [])
        {
            var where = $"{RepeatSheet}!{row.Number}";
            var original = repeats!.TextOrNull(row, Original);
            var parent = repeats.TextOrNull(row, Parent);
            if (original is null) { Problem(At(where, Original), "再掲するもとの項目の番号を入力してください。"); continue; }
            if (parent is null) { Problem(At(where, Parent), "再掲する場所（上の階層の番号）を入力してください。"); continue; }
            var listed = repeats.TextOrNull(row, Listed);
            reading.Nodes.Add(new PlanImporter.FlatNode(where, listed ?? original, parent, 0, new NodeFile { RepeatOf = original, Ref = listed }));
        }

        // 指標: one row per indicator; the headings after the named columns are fiscal years of actuals.
        var actualYears = indicators is null ? [] : YearColumns(IndicatorSheet, indicators, IndicatorColumns);
        foreach (var row in indicators?.Rows ?? [])
        {
            var where = $"{IndicatorSheet}!{row.Number}";
            string? Cell(string column) => indicators!.TextOrNull(row, column);
            var direction = Cell(Direction) switch
            {
                Higher or "higher" => "higher",
                Lower or "lower" => "lower",
                null => Invalid(At(where, Direction), $"向きを「{Higher}」か「{Lower}」で入力してください。") ?? "higher",
                var other => Invalid(At(where, Direction), $"向き「{other}」は使えません。「{Higher}」か「{Lower}」にしてください。") ?? "higher",
            };
            var indicator = new IndicatorFile
            {
                Node = Cell(IndicatorNode),
                Name = Cell(IndicatorName),
                Unit = Cell(Unit),
                Kind = Cell(IndicatorKind) is { } kind ? IndicatorKinds.Parse(kind) is { } known ? IndicatorKinds.Code(known) : kind : null,
                Direction = direction,
                Source = Cell(IndicatorSource),
                Parameters = Cell(Parameters),
                Note = Cell(Note),
                Baseline = new YearValueFile { Year = Cell(BaselineYear), Value = Number(Cell(BaselineValue), At(where, BaselineValue)) },
                Target = new YearValueFile { Year = Cell(TargetYear), Value = Number(Cell(TargetValue), At(where, TargetValue)) },
            };
            foreach (var (index, heading) in actualYears)
                if (row[index].Trim() is { Length: > 0 } text && Number(text, At(where, heading)) is { } value) (indicator.Actuals ??= [])[heading] = value;
            (header.Indicators ??= []).Add(indicator);
            reading.IndicatorRows.Add(row.Number);
        }

        reading.Header = header;
        return reading;

        HeadedTable? Sheet(string name, string[] requiredColumns, bool required, string? what)
        {
            if (!sheets.TryGetValue(name, out var sheet))
            {
                if (required) Problem(name, $"シート「{name}」がありません。{what}シートの名前を確かめてください（書き出したファイルと同じ名前にします）。");
                return null;
            }
            foreach (var repeated in sheet.Repeated) Problem(At($"{name}!{sheet.HeadingRow}", repeated.Heading), HeadedTable.RepeatedMessage(repeated));
            foreach (var column in requiredColumns.Where(c => !sheet.Columns.ContainsKey(c)))
                Problem(At($"{name}!{sheet.HeadingRow}", column), $"シート「{name}」の見出しの行に「{column}」の列がありません。");
            return sheet;
        }

        List<(int Index, string Heading)> YearColumns(string name, HeadedTable sheet, string[] named)
        {
            var years = new List<(int, string)>();
            foreach (var (heading, index) in sheet.Columns.Where(c => !named.Contains(c.Key)).OrderBy(c => c.Value))
            {
                if (JapaneseDates.TryParseFiscalYear(heading, out _)) years.Add((index, heading));
                else Problem(At($"{name}!{sheet.HeadingRow}", heading), $"見出し「{heading}」は年度として読めません。年度の列の見出しは H25、R8 のように書いてください。");
            }
            return years;
        }

        string? Invalid(string where, string message)
        {
            Problem(where, message);
            return null;
        }

        decimal? Number(string? text, string where)
        {
            if (text is null) return null;
            var normal = text.Normalize(NormalizationForm.FormKC).Replace(",", "").Trim();
            if (decimal.TryParse(normal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
            Problem(where, $"「{text}」は数字として読めません。");
            return null;
        }
    }

    private static List<string>? List(string? text) => text is null ? null : Split(text) is { Count: > 0 } items ? items : null;

    private static List<string> Split(string text) => text.Split(ListSeparator).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
}
