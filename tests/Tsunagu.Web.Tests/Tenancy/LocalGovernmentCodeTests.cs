using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Tests.Tenancy;

public class LocalGovernmentCodeTests
{
    [Theory]
    [InlineData("352012")]
    [InlineData("352039")]
    [InlineData("352110")]
    [InlineData("012050")]
    [InlineData("131016")] // 千代田区
    public void IsValid_AcceptsRealCodes(string code) => LocalGovernmentCode.IsValid(code).ShouldBeTrue();

    [Theory]
    [InlineData("352013")]
    [InlineData("35201")]
    [InlineData("3520122")]
    [InlineData("35201a")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_RejectsWrongCheckDigitsAndShapes(string? code) => LocalGovernmentCode.IsValid(code).ShouldBeFalse();

    [Fact]
    public void CheckDigit_WrapsTenAndElevenToTheirLastDigit()
    {
        LocalGovernmentCode.CheckDigit("00006").ShouldBe(0); // 2×6 = 12, r = 1, 11 − 1 = 10 → 0
        LocalGovernmentCode.CheckDigit("00000").ShouldBe(1); // r = 0, 11 − 0 = 11 → 1
        LocalGovernmentCode.CheckDigit("00005").ShouldBe(1); // r = 10, 11 − 10 = 1
    }
}
