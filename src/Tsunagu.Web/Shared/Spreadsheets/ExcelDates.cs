namespace Tsunagu.Web.Shared.Spreadsheets;

/// <summary>
/// Excel keeps a date as a number of days since 1899-12-30 (1904-01-01 in a workbook saved with the 1904 date system);
/// only the cell's number format says that the number is a date.
/// </summary>
internal static class ExcelDates
{
    private static readonly DateOnly Epoch = new(1899, 12, 30);
    private const int Days1900To1904 = 1462;

    public static int Serial(DateOnly date) => date.DayNumber - Epoch.DayNumber;

    public static DateTime FromSerial(double serial, bool date1904) => DateTime.FromOADate(serial + (date1904 ? Days1900To1904 : 0));

    /// <summary>
    /// Excel's built-in date formats: 14–17 and 22 everywhere, 27–31, 34–36 and 50–58 in Japanese Excel (和暦 and 年月日).
    /// 18–21 and 32–33, 45–47 are times of day and stay numbers.
    /// </summary>
    private static bool IsBuiltInDate(uint id) => id is >= 14 and <= 17 or 22 or >= 27 and <= 31 or >= 34 and <= 36 or >= 50 and <= 58;

    /// <summary>Whether a number format shows a date: a built-in date format, or a code with a year, day or era part.</summary>
    public static bool IsDateFormat(uint id, string? code)
    {
        if (IsBuiltInDate(id)) return true;
        if (string.IsNullOrEmpty(code)) return false;
        var letters = new System.Text.StringBuilder();
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (quoted) { quoted = c != '"'; continue; }
            if (bracket) { bracket = c != ']'; continue; }
            switch (c)
            {
                case '"': quoted = true; break;
                case '[': bracket = true; break;       // colours, locales ([$-411]), conditions
                case '\\' or '_' or '*': i++; break;   // the next character is literal or padding
                default: letters.Append(char.ToLowerInvariant(c)); break;
            }
        }
        // General (G/標準 in Japanese Excel, often with a unit: G/標準"人") and the exponent of 0.00E+00 are not date parts.
        var parts = letters.ToString().Replace("general", "").Replace("g/標準", "").Replace("e+", "").Replace("e-", "");
        return parts.IndexOfAny(['y', 'd', 'e', 'g']) >= 0;
    }
}
