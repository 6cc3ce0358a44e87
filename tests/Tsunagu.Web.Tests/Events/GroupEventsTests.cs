using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Events;

public class GroupEventsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "yamaguchi";

    [Fact]
    public async Task GroupPage_ListsItsPublishedEventsStillToCome_NotProposalsOrPastOnes()
    {
        var leader = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(leader))).Id;
        await EventTestData.EventAsync(factory, City, e => { e.Title = "川辺の清掃と交流会"; e.GroupId = groupId; e.Meetings = 2; });
        var past = await EventTestData.EventAsync(factory, City, e => { e.Title = "先月の報告会"; e.GroupId = groupId; });
        await EventTestData.PastAsync(factory, past);
        await EventTestData.EventAsync(factory, City, e => { e.Title = "まだ審査中の講座"; e.GroupId = groupId; e.Status = EventStatus.PendingApproval; });

        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/groups/{groupId}");
        var section = page.QuerySelector("section[aria-labelledby=group-events-title]")!;
        section.TextContent.ShouldContain("川辺の清掃と交流会");
        section.TextContent.ShouldContain("（全2回）");
        section.TextContent.ShouldNotContain("先月の報告会");
        section.TextContent.ShouldNotContain("まだ審査中の講座");
    }
}
