using System.Globalization;

namespace Tsunagu.Web.Shared.Spreadsheets;

/// <summary>How a written cell looks. Every workbook carries all of them (see <see cref="SpreadsheetWriter"/>).</summary>
public enum SheetCellStyle
{
    Plain,
    /// <summary>Bold: the heading row of a plain table.</summary>
    Bold,
    /// <summary>Bold on a pale fill, wrapped: the heading row of a report.</summary>
    Heading,
    /// <summary>Wrapped text, aligned to the top.</summary>
    Wrapped,
    /// <summary>Aligned to the top (numbers beside wrapped text).</summary>
    Top,
    /// <summary>yyyy/mm/dd, the default of a date cell.</summary>
    Date,
    /// <summary>An upper level of a tree: bold on grey, wrapped.</summary>
    Section,
    /// <summary>Bold, aligned to the top: the label of a label–value row.</summary>
    Label,
    /// <summary>A number with one decimal, aligned to the top.</summary>
    OneDecimal,
}

/// <summary>
/// One cell to write, with its type: text stays text (even when it looks like a formula or a number, so codes keep
/// their leading zeros), numbers are numbers and dates are dates. Strings, numbers and dates convert implicitly;
/// null is an empty cell.
/// </summary>
public abstract record SheetCell(SheetCellStyle Style)
{
    public static SheetCell Empty { get; } = new EmptyCell(SheetCellStyle.Plain);

    public static SheetCell Text(string? text, SheetCellStyle style = SheetCellStyle.Plain) =>
        string.IsNullOrEmpty(text) ? new EmptyCell(style) : new TextCell(text, style);

    public static SheetCell Number(decimal? number, SheetCellStyle style = SheetCellStyle.Plain) =>
        number is { } n ? new NumberCell(n, style) : new EmptyCell(style);

    public static SheetCell Date(DateOnly? date, SheetCellStyle style = SheetCellStyle.Date) =>
        date is { } d ? new DateCell(d, style) : new EmptyCell(style == SheetCellStyle.Date ? SheetCellStyle.Plain : style);

    public static SheetCell Blank(SheetCellStyle style) => new EmptyCell(style);

    public static implicit operator SheetCell(string? text) => Text(text);
    public static implicit operator SheetCell(decimal? number) => Number(number);
    public static implicit operator SheetCell(DateOnly? date) => Date(date);

    /// <summary>The cell as CSV (and import) text: numbers in the invariant culture without trailing zeros, dates as yyyy-MM-dd.</summary>
    public abstract string AsText();

    /// <summary>12.50 → "12.5": a decimal's trailing zeros are only how it was computed.</summary>
    public static string InvariantNumber(decimal number) => (number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static string InvariantDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record TextCell(string Value, SheetCellStyle Style) : SheetCell(Style)
{
    public override string AsText() => Value;
}

public sealed record NumberCell(decimal Value, SheetCellStyle Style) : SheetCell(Style)
{
    public override string AsText() => InvariantNumber(Value);
}

public sealed record DateCell(DateOnly Value, SheetCellStyle Style) : SheetCell(Style)
{
    public override string AsText() => InvariantDate(Value);
}

public sealed record EmptyCell(SheetCellStyle Style) : SheetCell(Style)
{
    public override string AsText() => "";
}
