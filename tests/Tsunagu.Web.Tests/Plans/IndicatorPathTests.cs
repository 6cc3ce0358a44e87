using Tsunagu.Web.Features.Plans;

namespace Tsunagu.Web.Tests.Plans;

public class IndicatorPathTests
{
    [Fact]
    public void CountIndicator_PathIsInWholeUnits()
    {
        var chart = new IndicatorChart("indicator-1", "登録団体数", "団体", true, 2014, 254m, 2019, 260m, [], null, true);
        chart.PathValue(2015).ShouldBe(255m);
        chart.PathValue(2016).ShouldBe(256m);
        chart.PathValue(2019).ShouldBe(260m);
    }

    [Fact]
    public void PercentageIndicator_PathKeepsItsFraction()
    {
        var chart = new IndicatorChart("indicator-1", "認知度", "%", true, 2015, 10.6m, 2020, 15m, [], null, false, IndicatorKind.Percentage);
        chart.PathValue(2016).ShouldBe(11.48m);
    }

    [Fact]
    public void TheKind_NotTheUnit_DecidesWholeUnits()
    {
        // 世帯 is in no list of units: a count all the same.
        new IndicatorChart("indicator-1", "加入世帯数", "世帯", true, 2014, 254m, 2019, 260m, [], null, false, IndicatorKind.Count).PathValue(2015).ShouldBe(255m);
        new IndicatorChart("indicator-1", "参加率", "人に1人", true, 2014, 254m, 2019, 260m, [], null, false, IndicatorKind.Percentage).PathValue(2015).ShouldBe(255.2m);
        new IndicatorChart("indicator-1", "助成額", "千円", true, 2014, 254m, 2019, 260m, [], null, false, IndicatorKind.Yen).PathValue(2015).ShouldBe(255m);
    }
}
