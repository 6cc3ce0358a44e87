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
        await TestData.CreateEventAsync(factory, City, e => e.Titled("川辺の清掃と交流会").OrganisedBy(groupId).Meetings(2));
        var past = (await TestData.CreateEventAsync(factory, City, e => e.Titled("先月の報告会").OrganisedBy(groupId))).Id;
        await EventTestData.PastAsync(factory, past);
        await TestData.CreateEventAsync(factory, City, e => e.Titled("まだ審査中の講座").OrganisedBy(groupId).WithStatus(EventStatus.PendingApproval));

        var (_, page) = await Browser.For(factory).GetPageAsync($"/{City}/groups/{groupId}");
        var section = page.QuerySelector("section[aria-labelledby=group-events-title]")!;
        section.TextContent.ShouldContain("川辺の清掃と交流会");
        section.TextContent.ShouldContain("（全2回）");
        section.TextContent.ShouldNotContain("先月の報告会");
        section.TextContent.ShouldNotContain("まだ審査中の講座");
    }
}
