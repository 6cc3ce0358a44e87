using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Consultations;
using Tsunagu.Web.Features.Exchange;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Lectures;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Rounds;
using Tsunagu.Web.Tenancy;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

/// <summary>Each computed source moves with the records it counts, narrowed by its parameters, and never counts demo records.</summary>
public class ComputedSourceTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private static int ThisYear => FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9))).StartYear;

    private async Task<decimal> ValueAsync(string city, string source, string? parameters = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        scope.ServiceProvider.GetRequiredService<CurrentCity>().Set(await db.Cities.SingleAsync(c => c.Slug == city));
        var sources = scope.ServiceProvider.GetRequiredService<IndicatorSources>();
        sources.Check(source, parameters, out _).ShouldBeNull();
        return await sources.Find(source)!.ValueAsync(ThisYear, IndicatorSourceParameters.Parse(parameters)) ?? 0;
    }

    private Task<int> AddAsync(object entity) => TestData.WithDbAsync(factory, async db => { db.Add(entity); return await db.SaveChangesAsync(); });

    [Fact]
    public async Task VolunteerMatchings_OfTheGuild_CountOnlyGroupsOpportunitiesInTheProgramme_AndNoDemo()
    {
        const string city = "shimonoseki";
        var guild = TestData.Unique("ギルド");
        var programmeId = await MatchingTestData.ProgrammeAsync(factory, city, guild);
        var volunteer = await TestData.CreateVolunteerAsync(factory, city);
        var group = await TestData.CreateGroupAsync(factory, city, g => g.WithStatus(GroupStatus.Approved));
        var parameters = $"programme={guild};organiser=団体";
        var before = await ValueAsync(city, "volunteer-matchings", parameters);
        var all = await ValueAsync(city, "volunteer-matchings");

        async Task MatchAsync(Action<Opportunity> change)
        {
            var opportunity = await TestData.CreateOpportunityAsync(factory, city, o => o.OrganisedBy(group.Id));
            await MatchingTestData.ChangeOpportunityAsync(factory, opportunity.Id, change);
            await MatchingTestData.ApplicationAsync(factory, city, opportunity.Id, opportunity.Shifts[0].Id, volunteer.Id,
                a => { a.Status = ApplicationStatus.Confirmed; a.MatchedAt = DateTime.UtcNow.AddMinutes(-5); });
        }

        await MatchAsync(o => o.ProgrammeId = programmeId);
        await MatchAsync(o => { o.ProgrammeId = programmeId; o.OrganiserKind = OrganiserKind.Department; o.GroupId = null; o.DepartmentName = "市民部"; });
        await MatchAsync(o => o.ProgrammeId = null);
        (await ValueAsync(city, "volunteer-matchings", parameters)).ShouldBe(before + 1);
        (await ValueAsync(city, "volunteer-matchings", $"programme={guild}")).ShouldBe(before + 2);
        (await ValueAsync(city, "volunteer-matchings")).ShouldBe(all + 3);

        await MatchAsync(o => { o.ProgrammeId = programmeId; o.IsDemo = true; });
        (await ValueAsync(city, "volunteer-matchings", parameters)).ShouldBe(before + 1);
        (await ValueAsync(city, "volunteer-matchings")).ShouldBe(all + 3);
    }

    [Fact]
    public async Task Collaborations_CountAcceptedReportsNamingPartnersOrForms_ByForm_AndNoDemoPlan()
    {
        const string city = "muroran";
        var cityId = await TestData.CityIdAsync(factory, city);
        var key = TestData.Unique("kyodo").ToLowerInvariant();

        async Task<(int Round, int Node)> PlanAsync(string planKey, bool demo)
        {
            var plan = new Plan { CityId = cityId, Key = planKey, Title = "協働の計画", Levels = "方針", StartYear = ThisYear, EndYear = ThisYear + 4, IsDemo = demo };
            await AddAsync(plan);
            var node = new PlanNode { CityId = cityId, PlanId = plan.Id, Depth = 0, SortOrder = 1, Ref = "1", Title = "方針1" };
            await AddAsync(node);
            var round = new ReportingRound { CityId = cityId, PlanId = plan.Id, FiscalYear = ThisYear, Deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), OpenedAt = DateTime.UtcNow };
            await AddAsync(round);
            return (round.Id, node.Id);
        }

        var nodes = 1;
        // One report per item and round: each report is on an item of its own.
        async Task ReportAsync((int Round, int Node) at, ReportStatus status, string? partners, string? forms)
        {
            var planId = await TestData.WithDbAsync(factory, db => db.Set<PlanNode>().IgnoreQueryFilters().Where(n => n.Id == at.Node).Select(n => n.PlanId).SingleAsync());
            var node = new PlanNode { CityId = cityId, PlanId = planId, Depth = 0, SortOrder = ++nodes, Ref = $"{nodes}", Title = $"方針{nodes}" };
            await AddAsync(node);
            await AddAsync(new ProgressReport
            {
                CityId = cityId,
                RoundId = at.Round,
                NodeId = node.Id,
                Status = status,
                Partners = partners,
                Forms = forms,
                UpdatedAt = DateTime.UtcNow,
            });
        }

        var all = await ValueAsync(city, "collaborations");
        var real = await PlanAsync(key, demo: false);
        await ReportAsync(real, ReportStatus.Accepted, null, "CoHosting,Commission");
        await ReportAsync(real, ReportStatus.Accepted, "〇〇まちづくり協議会", null);
        await ReportAsync(real, ReportStatus.Accepted, null, null);
        await ReportAsync(real, ReportStatus.Submitted, "△△の会", "CoHosting");

        (await ValueAsync(city, "collaborations", $"plan={key}")).ShouldBe(2);
        (await ValueAsync(city, "collaborations", $"plan={key};form=共催")).ShouldBe(1);
        (await ValueAsync(city, "collaborations", $"plan={key};form=補助")).ShouldBe(0);
        (await ValueAsync(city, "collaborations")).ShouldBe(all + 2);

        var demo = await PlanAsync(key + "-demo", demo: true);
        await ReportAsync(demo, ReportStatus.Accepted, "見本の会", "CoHosting");
        (await ValueAsync(city, "collaborations")).ShouldBe(all + 2);
    }

    [Fact]
    public async Task LecturesGiven_CountDoneRequestsOfTheYear_AndNoDemoTopic()
    {
        const string city = "yamaguchi";
        var cityId = await TestData.CityIdAsync(factory, city);
        var requester = await TestData.CreateUserAsync(factory);
        var topic = new LectureTopic { CityId = cityId, Title = "協働入門", Description = "協働の基本", Speaker = "協働推進課", CreatedAt = DateTime.UtcNow.AddDays(-1) };
        var demoTopic = new LectureTopic { CityId = cityId, Title = "見本の講座", Description = "見本", Speaker = "見本", IsDemo = true, CreatedAt = DateTime.UtcNow.AddDays(-1) };
        await AddAsync(topic);
        await AddAsync(demoTopic);
        var before = await ValueAsync(city, "lectures-given");

        Task RequestAsync(LectureTopic of, LectureRequestStatus status) => AddAsync(new LectureRequest
        {
            CityId = cityId,
            TopicId = of.Id,
            RequesterUserId = requester.Id,
            Organisation = "〇〇自治会",
            PreferredDates = "いつでも",
            Place = "公民館",
            Participants = 20,
            Status = status,
            ScheduledAt = DateTime.UtcNow.AddMinutes(-30),
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        });

        await RequestAsync(topic, LectureRequestStatus.Done);
        await RequestAsync(topic, LectureRequestStatus.Scheduled);
        (await ValueAsync(city, "lectures-given")).ShouldBe(before + 1);
        await RequestAsync(demoTopic, LectureRequestStatus.Done);
        (await ValueAsync(city, "lectures-given")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Consultations_CountThoseReceivedInTheYear_ByTopic_AndNoDemo()
    {
        const string city = "nagato";
        var cityId = await TestData.CityIdAsync(factory, city);
        Task ConsultAsync(ConsultationTopic topic, bool demo = false) => AddAsync(new Consultation
        {
            CityId = cityId,
            Topic = topic,
            Question = "団体を作りたい",
            RequesterName = "相談 太郎",
            ReceivedAt = DateTime.UtcNow.AddMinutes(-10),
            IsDemo = demo,
        });
        await ConsultAsync(ConsultationTopic.Other);
        var all = await ValueAsync(city, "consultations");
        var founding = await ValueAsync(city, "consultations", "topic=設立");
        var pr = await ValueAsync(city, "consultations", "topic=広報");

        await ConsultAsync(ConsultationTopic.Founding);
        (await ValueAsync(city, "consultations")).ShouldBe(all + 1);
        (await ValueAsync(city, "consultations", "topic=設立")).ShouldBe(founding + 1);
        (await ValueAsync(city, "consultations", "topic=広報")).ShouldBe(pr);
        (await ValueAsync(city, "consultations", "topic=設立,広報")).ShouldBe(founding + pr + 1);

        await ConsultAsync(ConsultationTopic.Founding, demo: true);
        (await ValueAsync(city, "consultations")).ShouldBe(all + 1);
    }

    [Fact]
    public async Task GroupMatchings_WithADemoGroup_DoNotCount()
    {
        const string city = "yamaguchi";
        var cityId = await TestData.CityIdAsync(factory, city);
        var a = await TestData.CreateGroupAsync(factory, city, g => g.WithStatus(GroupStatus.Approved));
        var b = await TestData.CreateGroupAsync(factory, city, g => g.WithStatus(GroupStatus.Approved));
        var demo = await TestData.CreateGroupAsync(factory, city, g => g.WithStatus(GroupStatus.Approved));
        await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => g.Id == demo.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.IsDemo, true)));
        var before = await ValueAsync(city, "group-matchings");
        Task IntroduceAsync(int need, int offer) => AddAsync(new ExchangeIntroduction
        {
            CityId = cityId,
            NeedGroupId = need,
            OfferGroupId = offer,
            Outcome = IntroductionOutcome.Succeeded,
            OutcomeAt = DateTime.UtcNow.AddMinutes(-10),
        });
        await IntroduceAsync(a.Id, b.Id);
        (await ValueAsync(city, "group-matchings")).ShouldBe(before + 1);
        await IntroduceAsync(a.Id, demo.Id);
        await IntroduceAsync(demo.Id, b.Id);
        (await ValueAsync(city, "group-matchings")).ShouldBe(before + 1);
    }
}
