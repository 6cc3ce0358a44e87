using Tsunagu.Web.Calendar;

namespace Tsunagu.Web.Tests.Calendar;

public class JapaneseDatesTests
{
    [Theory]
    [InlineData("令和8年度", 2026)]
    [InlineData("R8", 2026)]
    [InlineData("Ｒ８", 2026)]
    [InlineData("H25", 2013)]
    [InlineData("平成25年度", 2013)]
    [InlineData("H29", 2017)]
    [InlineData("令和元年度", 2019)]
    [InlineData("平成31年度", 2019)]
    [InlineData("R12", 2030)]
    [InlineData("昭和64年", 1989)]
    [InlineData("FY2026", 2026)]
    [InlineData("2026年度", 2026)]
    public void ParseFiscalYear_ReadsWhatPlansWrite(string text, int startYear) =>
        JapaneseDates.ParseFiscalYear(text).StartYear.ShouldBe(startYear);

    [Theory]
    [InlineData("")]
    [InlineData("令和")]
    [InlineData("X8")]
    [InlineData("令和0年度")]
    [InlineData("来年度")]
    public void TryParseFiscalYear_RejectsOtherText(string text) =>
        JapaneseDates.TryParseFiscalYear(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData(2026, "令和8年度", "R8")]
    [InlineData(2013, "平成25年度", "H25")]
    [InlineData(2019, "令和元年度", "R1")]
    [InlineData(2018, "平成30年度", "H30")]
    [InlineData(1989, "平成元年度", "H1")]
    [InlineData(1988, "昭和63年度", "S63")]
    public void FiscalYear_IsNamedAsCitiesWriteIt(int startYear, string japanese, string shortForm)
    {
        var fy = new FiscalYear(startYear);
        fy.ToJapanese().ShouldBe(japanese);
        JapaneseDates.ToShortEra(fy).ShouldBe(shortForm);
    }

    [Theory]
    [InlineData(2026, 3, 31, 2025)]
    [InlineData(2026, 4, 1, 2026)]
    [InlineData(2027, 3, 31, 2026)]
    [InlineData(2026, 12, 31, 2026)]
    public void FiscalYearOf_StartsInApril(int y, int m, int d, int expected) =>
        FiscalYear.Of(new DateOnly(y, m, d)).StartYear.ShouldBe(expected);

    [Fact]
    public void FiscalYear_RunsFromAprilToMarch()
    {
        var fy = new FiscalYear(2026);
        fy.FirstDay.ShouldBe(new DateOnly(2026, 4, 1));
        fy.LastDay.ShouldBe(new DateOnly(2027, 3, 31));
        fy.Contains(new DateOnly(2027, 3, 31)).ShouldBeTrue();
        fy.Contains(new DateOnly(2027, 4, 1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(1989, 1, 7, "昭和64年1月7日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(2019, 5, 1, "令和元年5月1日")]
    [InlineData(2026, 11, 22, "令和8年11月22日")]
    public void EraBoundaries_FollowTheJapaneseCalendar(int y, int m, int d, string expected) =>
        JapaneseDates.ToJapaneseDate(new DateOnly(y, m, d)).ShouldBe(expected);
}
