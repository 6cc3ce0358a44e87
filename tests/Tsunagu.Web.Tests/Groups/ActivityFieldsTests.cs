using Tsunagu.Web.Features.Groups;

namespace Tsunagu.Web.Tests.Groups;

public class ActivityFieldsTests
{
    [Fact]
    public void TheLawHasTwentyFields_NumberedInOrder()
    {
        ActivityFields.All.Count.ShouldBe(20);
        ActivityFields.All.Select(f => f.Number).ShouldBe(Enumerable.Range(1, 20));
        ActivityFields.All.Select(f => f.ShortName).Distinct().Count().ShouldBe(20);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("３", 3)]
    [InlineData("まちづくり", 3)]
    [InlineData("災害救援活動", 8)]
    [InlineData("Disaster relief", 8)]
    [InlineData(" 子どもの健全育成 ", 13)]
    public void Parse_ReadsNumbersAndNames(string text, int expected) =>
        ActivityFields.Parse(text)!.Number.ShouldBe(expected);

    [Theory]
    [InlineData("0")]
    [InlineData("21")]
    [InlineData("宇宙開発")]
    [InlineData("")]
    public void Parse_RejectsUnknownFields(string text) => ActivityFields.Parse(text).ShouldBeNull();
}
