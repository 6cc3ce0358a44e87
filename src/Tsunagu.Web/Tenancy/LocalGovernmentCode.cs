namespace Tsunagu.Web.Tenancy;

/// <summary>全国地方公共団体コード (JIS X 0401/0402): five digits plus a check digit.</summary>
public static class LocalGovernmentCode
{
    public static bool IsValid(string? code)
    {
        if (code is null || code.Length != 6 || !code.All(char.IsAsciiDigit)) return false;
        return code[5] - '0' == CheckDigit(code[..5]);
    }

    /// <summary>r = (6a+5b+4c+3d+2e) mod 11, check = 11 − r, keeping only its last digit.</summary>
    public static int CheckDigit(string fiveDigits)
    {
        if (fiveDigits.Length != 5 || !fiveDigits.All(char.IsAsciiDigit))
            throw new ArgumentException("Five ASCII digits are required.", nameof(fiveDigits));
        var sum = 0;
        for (var i = 0; i < 5; i++) sum += (6 - i) * (fiveDigits[i] - '0');
        return (11 - sum % 11) % 10;
    }
}
