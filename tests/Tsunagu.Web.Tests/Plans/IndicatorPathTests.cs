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
        var chart = new IndicatorChart("indicator-1", "認知度", "%", true, 2015, 10.6m, 2020, 15m, [], null, false);
        chart.PathValue(2016).ShouldBe(11.48m);
    }
}
