using Tsunagu.Web.Features.Groups;

namespace Tsunagu.Web.Tests.Groups;

public class SearchTextTests
{
    [Theory]
    [InlineData("ボランティア", "ぼらんてぃあ")]
    [InlineData("ﾎﾞﾗﾝﾃｨｱ", "ぼらんてぃあ")]
    [InlineData("ＮＰＯ法人", "npo法人")]
    [InlineData("子ども食堂", "子ども食堂")]
    public void Fold_MakesKanaAndWidthsComparable(string text, string expected) => SearchText.Fold(text).ShouldBe(expected);

    [Fact]
    public void AHiraganaQuery_FindsAKatakanaName() =>
        SearchText.Of("ボランティアの会", "ぼらんてぃあのかい").ShouldContain(SearchText.Fold("らんてぃ"));
}
