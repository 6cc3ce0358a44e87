using AngleSharp.Html.Dom;
using Tsunagu.Web.Features.Consultations;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Admin;

/// <summary>The staff menu counts the work waiting on each task, and the count links straight to where it is done.</summary>
public class StaffMenuWaitingTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    /// <summary>The count on the card whose title links to <paramref name="path"/>, and where the count links (null when none shows).</summary>
    private static (int Count, string? Link) Waiting(IHtmlDocument menu, string path)
    {
        var card = menu.QuerySelector($"main .card h3 a[href='/{City}/{path}']")!.Closest(".card")!;
        var tag = card.QuerySelector(".tag--warning");
        if (tag is null) return (0, null);
        var count = int.Parse(new string(tag.TextContent.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);
        return (count, tag.Closest("a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task TheCounts_MoveWhenWorkArrives_AndLinkToWhereItIsDone()
    {
        var (staff, _) = await TestData.SignedInAsync(factory, u => u.InCity(City, CityRole.CentreStaff).ExemptFromTwoFactor());
        var cityId = await TestData.CityIdAsync(factory, City);
        var (_, before) = await staff.GetPageAsync($"/{City}/admin");
        var consultations = Waiting(before, "admin/consultations").Count;
        var events = Waiting(before, "admin/events").Count;
        var console = Waiting(before, "admin/volunteers/console").Count;

        var consultation = await TestData.WithDbAsync(factory, async db =>
        {
            var c = new Consultation
            {
                CityId = cityId,
                Topic = ConsultationTopic.Funding,
                Channel = ConsultationChannel.Online,
                Question = "助成金の申請について相談したい",
                RequesterName = "相談 太郎",
                RequesterEmail = "soudan@example.jp",
                ReceivedAt = DateTime.UtcNow,
            };
            db.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var proposal = await TestData.CreateEventAsync(factory, City, e => e.Titled("承認を待つ交流会").WithStatus(EventStatus.PendingApproval));
        var admin = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(admin))).Id;
        var (opportunityId, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).StartingIn(TimeSpan.FromDays(20)));
        var volunteer = await TestData.CreateVolunteerAsync(factory, City);
        await MatchingTestData.ApplicationAsync(factory, City, opportunityId, shifts[0], volunteer.Id, a => a.CreatedAt = DateTime.UtcNow.AddDays(-10));

        var (_, after) = await staff.GetPageAsync($"/{City}/admin");

        var (consultationCount, consultationLink) = Waiting(after, "admin/consultations");
        consultationCount.ShouldBe(consultations + 1);
        consultationLink.ShouldBe($"/{City}/admin/consultations?status=Received");
        (await staff.GetPageAsync(consultationLink!)).Page.QuerySelector($"main a[href='/{City}/admin/consultations/{consultation.Id}']").ShouldNotBeNull();

        var (eventCount, eventLink) = Waiting(after, "admin/events");
        eventCount.ShouldBe(events + 1);
        eventLink.ShouldBe($"/{City}/admin/events#pending-title");
        var (_, eventsPage) = await staff.GetPageAsync($"/{City}/admin/events");
        eventsPage.QuerySelector("section[aria-labelledby=pending-title]")!.TextContent.ShouldContain(proposal.Title);

        var (consoleCount, consoleLink) = Waiting(after, "admin/volunteers/console");
        consoleCount.ShouldBe(console + 1);
        consoleLink.ShouldBe($"/{City}/admin/volunteers/console#waiting");
        var (_, consolePage) = await staff.GetPageAsync($"/{City}/admin/volunteers/console");
        consolePage.QuerySelector("main div.table-wrap[aria-labelledby=waiting]")!.QuerySelector($"a[href='/{City}/opportunities/{opportunityId}/manage']").ShouldNotBeNull();
    }
}
