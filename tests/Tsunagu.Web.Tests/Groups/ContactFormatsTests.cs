using Tsunagu.Web.Features.Groups;

namespace Tsunagu.Web.Tests.Groups;

public class ContactFormatsTests
{
    [Theory]
    [InlineData("083-231-1111", "083-231-1111")]
    [InlineData("０８３－２３１－１１１１", "083-231-1111")]
    [InlineData("09012345678", "09012345678")]
    public void Phone_AcceptsJapaneseNumbers(string text, string expected) => ContactFormats.NormalizePhone(text).ShouldBe(expected);

    [Theory]
    [InlineData("12345")]
    [InlineData("83-231-1111")]
    [InlineData("083-231-11111-1")]
    [InlineData("電話番号")]
    public void Phone_RejectsOthers(string text) => ContactFormats.NormalizePhone(text).ShouldBeNull();

    [Theory]
    [InlineData("750-8521", "750-8521")]
    [InlineData("7508521", "750-8521")]
    [InlineData("〒７５０－８５２１", "750-8521")]
    public void PostalCode_AcceptsSevenDigits(string text, string expected) => ContactFormats.NormalizePostalCode(text).ShouldBe(expected);

    [Theory]
    [InlineData("750-852")]
    [InlineData("75-08521")]
    [InlineData("abc-defg")]
    public void PostalCode_RejectsOthers(string text) => ContactFormats.NormalizePostalCode(text).ShouldBeNull();
}
