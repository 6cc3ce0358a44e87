using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Volunteers;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Opportunities;

public class NotificationTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "muroran";

    private async Task<int> RunAsync(Func<OpportunityNotifications, Task<int>> send)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == City));
        return await send(scope.ServiceProvider.GetRequiredService<OpportunityNotifications>());
    }

    private Task<int> MailsToAsync(string email) => TestData.WithDbAsync(factory, db => db.OutboxMessages.CountAsync(m => m.To == email));

    [Fact]
    public async Task NewOpportunity_IsSentOnce_ToFittingVolunteersWhoWantEach_AndWeeklyOnesGetADigestOnce()
    {
        var organiser = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiser))).Id;
        var each = await TestData.CreateUserAsync(factory);
        await TestData.CreateVolunteerAsync(factory, City, v => v.For(each).Notified(NotifyPreference.Each).WithSkills("手話").InterestedIn(2));
        var weekly = await TestData.CreateUserAsync(factory);
        await TestData.CreateVolunteerAsync(factory, City, v => v.For(weekly).Notified(NotifyPreference.WeeklyDigest).WithSkills("手話").InterestedIn(2));
        var none = await TestData.CreateUserAsync(factory);
        await TestData.CreateVolunteerAsync(factory, City, v => v.For(none).Notified(NotifyPreference.None).WithSkills("手話").InterestedIn(2));
        var (id, _) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled("手話の通訳ボランティア").Requiring("手話").InFields(2));
        // The builder marks opportunities as announced; this one is new.
        await TestData.WithDbAsync(factory, db => db.Set<Opportunity>().IgnoreQueryFilters().Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.NotifiedAt, (DateTime?)null)));

        (await RunAsync(n => n.SendNewOpportunityNoticesAsync())).ShouldBeGreaterThanOrEqualTo(1);
        var mail = await TestData.LastMailToAsync(factory, each.Email!);
        mail.Body.ShouldContain("手話の通訳ボランティア");
        mail.Body.ShouldContain($"/{City}/opportunities/{id}");
        (await RunAsync(n => n.SendNewOpportunityNoticesAsync())).ShouldBe(0);
        (await MailsToAsync(each.Email!)).ShouldBe(1);

        await RunAsync(n => n.SendWeeklyDigestsAsync());
        (await TestData.LastMailToAsync(factory, weekly.Email!)).Body.ShouldContain("手話の通訳ボランティア");
        await RunAsync(n => n.SendWeeklyDigestsAsync());
        (await MailsToAsync(weekly.Email!)).ShouldBe(1);
        (await MailsToAsync(none.Email!)).ShouldBe(0);
    }
}
