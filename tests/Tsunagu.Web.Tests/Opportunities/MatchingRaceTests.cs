using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Opportunities;

/// <summary>
/// What an organiser does while volunteers are applying: removing a shift or closing the opportunity never leaves someone
/// waiting unseen, and one person is never confirmed twice for the same hours. Run on SQLite and on PostgreSQL.
/// </summary>
public class MatchingRaceTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";
    private const int Applicants = 30;

    private async Task<(Browser Organiser, int Id, List<int> Shifts, string Antiforgery)> OpportunityAsync(string title, int shifts = 1)
    {
        var (organiser, user) = await TestData.SignedInAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(user))).Id;
        var (id, shiftIds) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled(title).Places(50).Shifts(shifts));
        var (_, page) = await organiser.GetPageAsync($"/{City}/opportunities/{id}/manage");
        return (organiser, id, shiftIds, page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
    }

    private async Task<List<(HttpStatusCode Status, string Email)>> ApplyAllAsync(List<(string Token, string Email)> people, int id, int shiftId, Task organiserAction)
    {
        var applying = people.Select(async p =>
        {
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", p.Token);
            var response = await client.PostAsJsonAsync($"/api/v1/{City}/opportunities/{id}/shifts/{shiftId}/applications", new { });
            return (response.StatusCode, p.Email);
        }).ToList();
        await organiserAction;
        return [.. await Task.WhenAll(applying)];
    }

    private Task<List<string>> MailedAsync(IEnumerable<string> emails, string subject) =>
        TestData.WithDbAsync(factory, db => db.OutboxMessages.Where(m => emails.Contains(m.To) && m.Subject.Contains(subject)).Select(m => m.To).ToListAsync());

    [Fact]
    public async Task AShiftRemovedWhileVolunteersApply_TellsEveryoneWhoseApplicationWentWithIt()
    {
        var people = await OpportunityTestData.VolunteersWithTokensAsync(factory, City, Applicants);
        var (organiser, id, shifts, antiforgery) = await OpportunityAsync("同時に取りやめる募集");
        async Task RemoveAsync()
        {
            await Task.Delay(20);
            var response = await organiser.Client.PostAsync($"/{City}/opportunities/{id}/manage?handler=RemoveShift", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["shiftId"] = shifts[0].ToString(CultureInfo.InvariantCulture),
                ["__RequestVerificationToken"] = antiforgery,
            }));
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var results = await ApplyAllAsync(people, id, shifts[0], RemoveAsync());

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Created || r.Status == HttpStatusCode.NotFound || r.Status == HttpStatusCode.UnprocessableEntity);
        (await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().AnyAsync(s => s.Id == shifts[0]))).ShouldBeFalse();
        (await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().CountAsync(a => a.ShiftId == shifts[0]))).ShouldBe(0);
        var applied = results.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.Email).ToList();
        (await MailedAsync(applied, "取りやめ")).Order().ShouldBe(applied.Order());
    }

    [Fact]
    public async Task AnOpportunityClosedWhileVolunteersApply_LeavesNobodyWaiting_AndTellsEachOnce()
    {
        var people = await OpportunityTestData.VolunteersWithTokensAsync(factory, City, Applicants);
        var (organiser, id, shifts, antiforgery) = await OpportunityAsync("同時に締め切る募集");
        async Task CloseAsync()
        {
            await Task.Delay(20);
            var response = await organiser.Client.PostAsync($"/{City}/opportunities/{id}/manage?handler=Status", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["status"] = "Closed",
                ["__RequestVerificationToken"] = antiforgery,
            }));
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var results = await ApplyAllAsync(people, id, shifts[0], CloseAsync());

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Created || r.Status == HttpStatusCode.Conflict || r.Status == HttpStatusCode.UnprocessableEntity);
        var statuses = await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().Where(a => a.ShiftId == shifts[0]).Select(a => a.Status).ToListAsync());
        statuses.ShouldAllBe(s => s == ApplicationStatus.Closed);
        statuses.Count.ShouldBe(results.Count(r => r.Status == HttpStatusCode.Created));
        var applied = results.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.Email).ToList();
        (await MailedAsync(applied, "締め切られました")).Order().ShouldBe(applied.Order());
    }

    [Fact]
    public async Task OnePerson_AcceptedForOverlappingShiftsAtOnce_IsConfirmedForOne()
    {
        var cityId = await TestData.CityIdAsync(factory, City);
        var (organiser, organiserUser) = await TestData.SignedInAsync(factory);
        var person = (await OpportunityTestData.VolunteersWithTokensAsync(factory, City, 1))[0];
        var volunteerId = await TestData.WithDbAsync(factory, db => db.Set<Tsunagu.Web.Features.Volunteers.Volunteer>().IgnoreQueryFilters()
            .Where(v => db.Users.Any(u => u.Id == v.UserId && u.Email == person.Email)).Select(v => v.Id).SingleAsync());
        // Eight overlapping opportunities of one group, each with an application of the same person (as if made before the
        // rules refused overlaps), accepted by their organisers at the same moment.
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiserUser))).Id;
        var applications = new List<(int Opportunity, int Application)>();
        for (var i = 0; i < 8; i++)
        {
            var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId).Titled($"重なる募集{i}").StartingIn(TimeSpan.FromDays(6).Add(TimeSpan.FromMinutes(10 * i))));
            var applicationId = await TestData.WithDbAsync(factory, async db =>
            {
                var a = new ShiftApplication { CityId = cityId, OpportunityId = id, ShiftId = shifts[0], VolunteerId = volunteerId, Status = ApplicationStatus.Applied, CreatedAt = DateTime.UtcNow };
                db.Add(a);
                await db.SaveChangesAsync();
                return a.Id;
            });
            applications.Add((id, applicationId));
        }
        await Task.WhenAll(applications.Select(a => organiser.PostWithTokenAsync($"/{City}/opportunities/{a.Opportunity}/manage", $"/{City}/opportunities/{a.Opportunity}/manage?handler=Accept",
            new Dictionary<string, string> { ["applicationId"] = a.Application.ToString(CultureInfo.InvariantCulture) })));

        var ids = applications.Select(a => a.Application).ToList();
        var confirmed = await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().CountAsync(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Confirmed));
        confirmed.ShouldBe(1);
    }
}
