using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Tsunagu.Web.Calendar;
using X = DocumentFormat.OpenXml.Spreadsheet;

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
        TargetYear = "目標年度", TargetValue = "目標値", IndicatorSource = "集計元", Note = "備考";

    private static readonly string[] PlanColumns = [Key, Title, From, To, Levels, Source, Grades];
    private static readonly string[] NodeColumns = [Ref, Parent, Level, Name, Aim, Kind, Departments, Actors, Purpose, Content, Completion, Priority, Pillars, Roles];
    private static readonly string[] RepeatColumns = [Original, Parent, Listed];
    private static readonly string[] IndicatorColumns = [IndicatorNode, IndicatorName, Unit, Direction, BaselineYear, BaselineValue, TargetYear, TargetValue, IndicatorSource, Note];

    private static readonly string[] PlanRequired = [Key, Title, From, To, Levels];
    private static readonly string[] NodeRequired = [Ref, Parent, Name];
    private static readonly string[] RepeatRequired = [Original, Parent];
    private static readonly string[] IndicatorRequired = [IndicatorName, Unit, Direction, BaselineYear, BaselineValue, TargetYear, TargetValue];

    private const string Higher = "高いほどよい", Lower = "低いほどよい", None = "－", PriorityMark = "○";
    private const char ListSeparator = '、', LevelSeparator = '>';

    // ---------------------------------------------------------------- writing

    public static byte[] Write(PlanFile plan)
    {
        var planRow = new object?[]
        {
            plan.Key, plan.Title, plan.Period?.From, plan.Period?.To, string.Join(LevelSeparator, plan.Levels ?? []), plan.Source,
            plan.Grades is null ? null : string.Join(ListSeparator, plan.Grades.Select(g => $"{g.Code}:{g.Label}")),
        };

        var nodeYears = Years(plan.Period, Walk(plan.Nodes, null, 0).SelectMany(w => w.Node.Yearly?.Keys ?? Enumerable.Empty<string>()));
        var nodeRows = new List<object?[]>();
        var repeatRows = new List<object?[]>();
        foreach (var (node, parent, depth) in Walk(plan.Nodes, null, 0))
        {
            if (node.RepeatOf is not null)
            {
                repeatRows.Add([node.RepeatOf, parent, node.Ref == node.RepeatOf ? null : node.Ref]);
                continue;
            }
            var row = new List<object?>
            {
                node.Ref, parent, plan.Levels is { } levels && depth < levels.Count ? levels[depth] : null, node.Title, node.Aim, node.Kind,
                Join(node.Departments), Join(node.Actors), node.Purpose, node.Content, node.Completion ?? None, node.Priority == true ? PriorityMark : null,
                Join(node.Pillars), node.Roles is { Count: > 0 } roles ? string.Join('\n', roles.Select(r => $"{r.Key}:{r.Value}")) : null,
            };
            row.AddRange(nodeYears.Select(y => (object?)YearValue(node.Yearly, y)));
            nodeRows.Add([.. row]);
        }

        var indicators = plan.Indicators ?? [];
        var indicatorYears = Years(plan.Period, indicators.SelectMany(i => (i.Actuals?.Keys ?? Enumerable.Empty<string>())
            .Append(i.Baseline?.Year ?? "").Append(i.Target?.Year ?? "")).Where(y => y.Length > 0), keepUnreadable: false);
        var indicatorRows = indicators.Select(i => new object?[]
        {
            i.Node, i.Name, i.Unit, i.Direction switch { "higher" => Higher, "lower" => Lower, var d => d },
            i.Baseline?.Year, i.Baseline?.Value, i.Target?.Year, i.Target?.Value, i.Source, i.Note,
        }.Concat(indicatorYears.Select(y => i.Actuals is null ? null : (object?)i.Actuals.Where(a => SameYear(a.Key, y)).Select(a => (decimal?)a.Value).FirstOrDefault())).ToArray()).ToList();

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new X.Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var strings = new SharedStrings(workbook.AddNewPart<SharedStringTablePart>());
            var sheets = workbook.Workbook.AppendChild(new X.Sheets());
            AddSheet(workbook, sheets, strings, PlanSheet, PlanColumns, [planRow]);
            AddSheet(workbook, sheets, strings, NodeSheet, [.. NodeColumns, .. nodeYears], nodeRows);
            AddSheet(workbook, sheets, strings, RepeatSheet, RepeatColumns, repeatRows);
            AddSheet(workbook, sheets, strings, IndicatorSheet, [.. IndicatorColumns, .. indicatorYears], indicatorRows);
            strings.Save();
            workbook.Workbook.Save();
        }
        return stream.ToArray();

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
        return [.. years.Select(y => JapaneseDates.ToShortEra(new FiscalYear(y))), .. unreadable];
    }

    private static bool SameYear(string a, string b) =>
        a == b || (JapaneseDates.TryParseFiscalYear(a, out var x) && JapaneseDates.TryParseFiscalYear(b, out var y) && x.StartYear == y.StartYear);

    private static void AddSheet(WorkbookPart workbook, X.Sheets sheets, SharedStrings strings, string name, IReadOnlyList<string> headings, IEnumerable<object?[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new X.SheetData();
        data.Append(Row(1, headings.Cast<object?>().ToArray(), strings, StyleBold));
        var number = 1;
        foreach (var row in rows) data.Append(Row(++number, row, strings, null));
        var columns = new X.Columns(headings.Select((h, i) => new X.Column
        {
            Min = (uint)(i + 1), Max = (uint)(i + 1), CustomWidth = true,
            Width = h is Name or Aim or Purpose or Content or Completion or Roles or Title or Source or Grades or IndicatorName or Note ? 40 : h.Length > 4 ? 14 : 10,
        }));
        var view = new X.SheetView(new X.Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = X.PaneValues.BottomLeft, State = X.PaneStateValues.Frozen })
        { WorkbookViewId = 0, TabSelected = sheets.ChildElements.Count == 0 };
        part.Worksheet = new X.Worksheet(new X.SheetViews(view), columns, data);
        sheets.Append(new X.Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(sheets.ChildElements.Count + 1), Name = name });
    }

    private const uint StyleBold = 1, StyleWrap = 2;

    private static X.Row Row(int number, object?[] cells, SharedStrings strings, uint? style)
    {
        var row = new X.Row { RowIndex = (uint)number };
        for (var i = 0; i < cells.Length; i++)
        {
            var reference = $"{ColumnName(i)}{number}";
            switch (cells[i])
            {
                case null: break;
                case decimal value:
                    row.Append(new X.Cell { CellReference = reference, DataType = X.CellValues.Number, CellValue = new X.CellValue(value.ToString(CultureInfo.InvariantCulture)), StyleIndex = style });
                    break;
                case var value:
                    var text = value.ToString() ?? "";
                    row.Append(new X.Cell
                    {
                        CellReference = reference, DataType = X.CellValues.SharedString, CellValue = new X.CellValue(strings.Index(text).ToString(CultureInfo.InvariantCulture)),
                        StyleIndex = style ?? (text.Contains('\n') ? StyleWrap : null),
                    });
                    break;
            }
        }
        return row;
    }

    /// <summary>0 → "A", 26 → "AA".</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) name = (char)('A' + (i - 1) % 26) + name;
        return name;
    }

    private static X.Stylesheet Styles() => new(
        new X.Fonts(
            new X.Font(new X.FontSize { Val = 11 }, new X.FontName { Val = "游ゴシック" }),
            new X.Font(new X.Bold(), new X.FontSize { Val = 11 }, new X.FontName { Val = "游ゴシック" })),
        new X.Fills(new X.Fill(new X.PatternFill { PatternType = X.PatternValues.None }), new X.Fill(new X.PatternFill { PatternType = X.PatternValues.Gray125 })),
        new X.Borders(new X.Border(new X.LeftBorder(), new X.RightBorder(), new X.TopBorder(), new X.BottomBorder(), new X.DiagonalBorder())),
        new X.CellStyleFormats(new X.CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }),
        new X.CellFormats(
            new X.CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new X.CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new X.CellFormat(new X.Alignment { WrapText = true, Vertical = X.VerticalAlignmentValues.Top }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true }),
        new X.CellStyles(new X.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));

    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<string, int> index = [];
        private readonly X.SharedStringTable table = new();

        public int Index(string text)
        {
            if (index.TryGetValue(text, out var i)) return i;
            table.Append(new X.SharedStringItem(new X.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            return index[text] = index.Count;
        }

        public void Save()
        {
            table.Count = table.UniqueCount = (uint)index.Count;
            part.SharedStringTable = table;
        }
    }

    // ---------------------------------------------------------------- reading

    /// <summary>What a workbook gives: the header (null when the workbook cannot be read as a plan), the nodes in the order of the rows, the problems found while reading.</summary>
    public static (PlanFile? Header, List<PlanImporter.FlatNode> Nodes, List<PlanImporter.Problem> Problems) Read(byte[] xlsx)
    {
        var reading = ReadWithPlaces(xlsx);
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
            ["ref"] = Ref, ["parent"] = Parent, ["title"] = Name, ["kind"] = Kind, ["departments"] = Departments, ["actors"] = Actors,
            ["aim"] = Aim, ["purpose"] = Purpose, ["content"] = Content, ["completion"] = Completion, ["repeatOf"] = Original,
        };
        private static readonly Dictionary<string, string> IndicatorFields = new()
        {
            ["node"] = IndicatorNode, ["name"] = IndicatorName, ["unit"] = Unit, ["direction"] = Direction, ["source"] = IndicatorSource, ["note"] = Note,
            ["baseline.year"] = BaselineYear, ["baseline.value"] = BaselineValue, ["target.year"] = TargetYear, ["target.value"] = TargetValue,
        };
        private static readonly Dictionary<string, string> PlanFields = new()
        {
            ["key"] = Key, ["title"] = Title, ["period.from"] = From, ["period.to"] = To, ["period"] = From, ["levels"] = Levels, ["grades"] = Grades, ["source"] = Source,
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

    public static Reading ReadWithPlaces(byte[] xlsx)
    {
        var reading = new Reading();
        void Problem(string where, string message) => reading.Problems.Add(new PlanImporter.Problem(where, message));

        Dictionary<string, SheetRows> sheets;
        try
        {
            sheets = ReadSheets(xlsx);
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or FileFormatException or InvalidOperationException or System.Xml.XmlException)
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
        var planRow = plan!.Rows.FirstOrDefault();
        if (planRow.Cells is null)
        {
            Problem($"{PlanSheet}!{plan.HeadingRow + 1}", "計画の行がありません。見出しの下の行に、キー・計画名・期間・階層を書いてください。");
            return reading;
        }
        reading.PlanRow = planRow.Row;
        if (plan.Rows.Count > 1) Problem($"{PlanSheet}!{plan.Rows[1].Row}", "計画のシートに書けるのは1行だけです。2行目以降は消してください。");
        string? PlanCell(string column) => plan.Cell(planRow, column);
        var header = new PlanFile
        {
            Format = PlanFile.FormatName, Key = PlanCell(Key), Title = PlanCell(Title), Source = PlanCell(Source),
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
                if (colon <= 0) { Problem(At($"{PlanSheet}!{planRow.Row}", Grades), $"評価の段階「{part}」は「A:計画どおり」のように、記号と説明を「:」でつないでください。"); continue; }
                header.Grades.Add(new GradeFile { Code = part[..colon].Trim(), Label = part[(colon + 1)..].Trim() });
            }
        }

        // 項目: one row per node; the headings after the named columns are fiscal years.
        var nodeYears = YearColumns(nodes!, NodeColumns);
        foreach (var row in nodes!.Rows)
        {
            var where = $"{NodeSheet}!{row.Row}";
            string? Cell(string column) => nodes.Cell(row, column);
            var @ref = Cell(Ref);
            if (@ref is null) Problem(At(where, Ref), "番号を入力してください。番号のない行は取り込めません。");
            var node = new NodeFile
            {
                Ref = @ref, Title = Cell(Name), Aim = Cell(Aim), Kind = Cell(Kind), Departments = List(Cell(Departments)), Actors = List(Cell(Actors)),
                Purpose = Cell(Purpose), Content = Cell(Content), Completion = Cell(Completion) is None or "-" ? null : Cell(Completion), Pillars = List(Cell(Pillars)),
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
                if (row.Cells.TryGetValue(index, out var word) && word.Length > 0) (node.Yearly ??= [])[heading] = word;
            reading.Nodes.Add(new PlanImporter.FlatNode(where, @ref, Cell(Parent), 0, node));
        }

        // 再掲: the same node listed again under another parent.
        foreach (var row in repeats?.Rows ?? [])
        {
            var where = $"{RepeatSheet}!{row.Row}";
            var original = repeats!.Cell(row, Original);
            var parent = repeats.Cell(row, Parent);
            if (original is null) { Problem(At(where, Original), "再掲するもとの項目の番号を入力してください。"); continue; }
            if (parent is null) { Problem(At(where, Parent), "再掲する場所（上の階層の番号）を入力してください。"); continue; }
            var listed = repeats.Cell(row, Listed);
            reading.Nodes.Add(new PlanImporter.FlatNode(where, listed ?? original, parent, 0, new NodeFile { RepeatOf = original, Ref = listed }));
        }

        // 指標: one row per indicator; the headings after the named columns are fiscal years of actuals.
        var actualYears = indicators is null ? [] : YearColumns(indicators, IndicatorColumns);
        foreach (var row in indicators?.Rows ?? [])
        {
            var where = $"{IndicatorSheet}!{row.Row}";
            string? Cell(string column) => indicators!.Cell(row, column);
            var direction = Cell(Direction) switch
            {
                Higher or "higher" => "higher",
                Lower or "lower" => "lower",
                null => Invalid(At(where, Direction), $"向きを「{Higher}」か「{Lower}」で入力してください。") ?? "higher",
                var other => Invalid(At(where, Direction), $"向き「{other}」は使えません。「{Higher}」か「{Lower}」にしてください。") ?? "higher",
            };
            var indicator = new IndicatorFile
            {
                Node = Cell(IndicatorNode), Name = Cell(IndicatorName), Unit = Cell(Unit), Direction = direction, Source = Cell(IndicatorSource), Note = Cell(Note),
                Baseline = new YearValueFile { Year = Cell(BaselineYear), Value = Number(Cell(BaselineValue), At(where, BaselineValue)) },
                Target = new YearValueFile { Year = Cell(TargetYear), Value = Number(Cell(TargetValue), At(where, TargetValue)) },
            };
            foreach (var (index, heading) in actualYears)
                if (row.Cells.TryGetValue(index, out var text) && text.Length > 0 && Number(text, At(where, heading)) is { } value) (indicator.Actuals ??= [])[heading] = value;
            (header.Indicators ??= []).Add(indicator);
            reading.IndicatorRows.Add(row.Row);
        }

        reading.Header = header;
        return reading;

        SheetRows? Sheet(string name, string[] requiredColumns, bool required, string? what)
        {
            if (!sheets.TryGetValue(name, out var sheet))
            {
                if (required) Problem(name, $"シート「{name}」がありません。{what}シートの名前を確かめてください（書き出したファイルと同じ名前にします）。");
                return null;
            }
            foreach (var column in requiredColumns.Where(c => !sheet.Columns.ContainsKey(c)))
                Problem(At($"{name}!{sheet.HeadingRow}", column), $"シート「{name}」の見出しの行に「{column}」の列がありません。");
            return sheet;
        }

        List<(int Index, string Heading)> YearColumns(SheetRows sheet, string[] named)
        {
            var years = new List<(int, string)>();
            foreach (var (heading, index) in sheet.Columns.Where(c => !named.Contains(c.Key)).OrderBy(c => c.Value))
            {
                if (JapaneseDates.TryParseFiscalYear(heading, out _)) years.Add((index, heading));
                else Problem(At($"{sheet.Name}!{sheet.HeadingRow}", heading), $"見出し「{heading}」は年度として読めません。年度の列の見出しは H25、R8 のように書いてください。");
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

    /// <summary>A sheet: the heading row's number, each heading's column index, and the non-empty rows after it.</summary>
    private sealed record SheetRows(string Name, int HeadingRow, Dictionary<string, int> Columns, List<(int Row, Dictionary<int, string> Cells)> Rows)
    {
        /// <summary>The cell under a heading, trimmed; null when empty or when the sheet has no such column.</summary>
        public string? Cell((int Row, Dictionary<int, string> Cells) row, string column) =>
            Columns.TryGetValue(column, out var i) && row.Cells.TryGetValue(i, out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
    }

    private static Dictionary<string, SheetRows> ReadSheets(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException();
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<X.SharedStringItem>().Select(Plain).ToList() ?? [];
        var result = new Dictionary<string, SheetRows>();
        foreach (var sheet in workbook.Workbook.Descendants<X.Sheet>())
        {
            var name = sheet.Name?.Value?.Trim() ?? "";
            if (result.ContainsKey(name) || sheet.Id?.Value is null || workbook.GetPartById(sheet.Id.Value) is not WorksheetPart part) continue;
            int? headingRow = null;
            var columns = new Dictionary<string, int>();
            var rows = new List<(int, Dictionary<int, string>)>();
            var previous = 0;
            foreach (var row in part.Worksheet.Descendants<X.Row>())
            {
                var number = (int?)row.RowIndex?.Value ?? previous + 1;
                previous = number;
                var cells = new Dictionary<int, string>();
                var next = 0;
                foreach (var cell in row.Elements<X.Cell>())
                {
                    var index = ColumnIndex(cell.CellReference?.Value) ?? next;
                    next = index + 1;
                    cells[index] = CellText(cell, shared);
                }
                if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
                if (headingRow is null)
                {
                    headingRow = number;
                    foreach (var (index, text) in cells.Where(c => !string.IsNullOrWhiteSpace(c.Value)).OrderBy(c => c.Key))
                        columns.TryAdd(text.Trim(), index);
                }
                else rows.Add((number, cells));
            }
            result[name] = new SheetRows(name, headingRow ?? 1, columns, rows);
        }
        return result;
    }

    /// <summary>A string's own text, without the furigana (rPh) Japanese Excel keeps beside it.</summary>
    private static string Plain(OpenXmlElement item) =>
        item.Elements<X.Text>().Any() ? string.Concat(item.Elements<X.Text>().Select(t => t.Text))
            : string.Concat(item.Elements<X.Run>().Select(r => r.Text?.Text ?? ""));

    private static string CellText(X.Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == X.CellValues.SharedString)
            return int.TryParse(cell.CellValue?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
        if (cell.DataType?.Value == X.CellValues.InlineString) return cell.InlineString is null ? "" : Plain(cell.InlineString);
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>"C7" → 2.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference) || !char.IsAsciiLetter(reference[0])) return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }
}
