using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Consultations;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Features.Exchange;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Lectures;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Features.TalentBank;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Account;

/// <summary>
/// The feature contract's promise about personal data: whatever a feature registers as the person's appears in their data
/// export, and is gone (deleted, or no longer tied to them) once they delete the account. A new feature that registers
/// a section adds here how a person comes to have such data; until it does, the first test fails.
/// </summary>
public class PersonalDataTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "nagato";

    /// <summary>For each registered section, how a person comes to have data in it.</summary>
    private readonly Dictionary<string, Func<TsunaguDb, Person, Task>> _giveData = new()
    {
        ["volunteers"] = (_, _) => Task.CompletedTask, // the volunteer registration every person here has
        ["volunteerApplications"] = (db, p) => Add(db, new ShiftApplication { CityId = p.CityId, ShiftId = p.ShiftId, OpportunityId = p.OpportunityId, VolunteerId = p.VolunteerId, Status = ApplicationStatus.Applied, Message = "土曜なら行けます", CreatedAt = DateTime.UtcNow }),
        ["messagesSent"] = async (db, p) =>
        {
            var application = new ShiftApplication { CityId = p.CityId, ShiftId = p.ShiftId, OpportunityId = p.OpportunityId, VolunteerId = p.OtherVolunteerId, Status = ApplicationStatus.Applied, CreatedAt = DateTime.UtcNow };
            await Add(db, application);
            await Add(db, new ApplicationMessage { CityId = p.CityId, ApplicationId = application.Id, SenderUserId = p.UserId, Body = "当日は軍手をお持ちください", CreatedAt = DateTime.UtcNow });
        },
        ["opportunitiesPosted"] = (db, p) => db.Set<Opportunity>().IgnoreQueryFilters().Where(o => o.Id == p.OpportunityId).ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedByUserId, p.UserId)),
        ["groups"] = (_, _) => Task.CompletedTask, // the group every person here administers
        ["groupAdministratorInvitations"] = async (db, p) =>
        {
            var invited = await db.Users.Where(u => u.Id == p.UserId).Select(u => u.NormalizedEmail!).SingleAsync();
            await Add(db, new GroupAdministratorInvitation { CityId = p.CityId, GroupId = p.GroupId, Email = p.Email, NormalizedEmail = invited, TokenHash = GroupAdministratorInvitation.Hash(Guid.NewGuid().ToString()), CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(7) });
        },
        ["consultations"] = (db, p) => Add(db, new Consultation { CityId = p.CityId, Topic = ConsultationTopic.Founding, Channel = ConsultationChannel.Online, Question = "NPO法人の設立について", RequesterName = "データ 花子", RequesterEmail = p.Email, RequesterPhone = "0837-11-2222", RequesterUserId = p.UserId, ReceivedAt = DateTime.UtcNow }),
        ["eventRegistrations"] = async (db, p) =>
        {
            var e = new Event { CityId = p.CityId, Title = "協働入門講座（データ確認）", Description = "概要", Capacity = 10, Status = EventStatus.Published, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            await Add(db, e);
            await Add(db, new EventRegistration { CityId = p.CityId, EventId = e.Id, UserId = p.UserId, Status = RegistrationStatus.Confirmed, Code = Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow });
        },
        ["exchangePosts"] = (db, p) => Add(db, new ExchangePost { CityId = p.CityId, GroupId = p.GroupId, Direction = ExchangeDirection.Need, Category = ExchangeCategory.People, Title = "会場設営の手伝い", Details = "秋祭りの設営", PostedByUserId = p.UserId, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow }),
        ["lectureRequests"] = async (db, p) =>
        {
            var topic = new LectureTopic { CityId = p.CityId, Title = "協働のはじめ方（データ確認）", Description = "概要", Speaker = "市民活動推進室" };
            await Add(db, topic);
            await Add(db, new LectureRequest { CityId = p.CityId, TopicId = topic.Id, RequesterUserId = p.UserId, Organisation = "東町自治会", PreferredDates = "1月の土曜日", Place = "東町公民館", Participants = 20, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        },
        ["roomBookings"] = (db, p) => Add(db, new Booking { CityId = p.CityId, RoomId = p.RoomId, UserId = p.UserId, Purpose = "自治会の打ち合わせ", StartsAt = DateTime.UtcNow.AddDays(10), EndsAt = DateTime.UtcNow.AddDays(10).AddHours(2), Status = BookingStatus.Provisional, ConfirmBy = DateTime.UtcNow.AddDays(9), CreatedAt = DateTime.UtcNow }),
        ["lockerApplications"] = (db, p) => Add(db, new LockerRental { CityId = p.CityId, GroupId = p.GroupId, ApplicantUserId = p.UserId, Kind = LockerKind.Mailbox, FiscalYear = 2026, Status = LockerRentalStatus.Applied, AppliedAt = DateTime.UtcNow }),
        ["lotteryEntries"] = async (db, p) =>
        {
            var lottery = new Lottery { CityId = p.CityId, RoomId = p.RoomId, Title = "大会議室の抽選", From = DateTime.UtcNow.AddDays(40), To = DateTime.UtcNow.AddDays(70), EntriesCloseAt = DateTime.UtcNow.AddDays(20), CreatedAt = DateTime.UtcNow };
            await Add(db, lottery);
            await Add(db, new LotteryEntry { CityId = p.CityId, LotteryId = lottery.Id, UserId = p.UserId, Purpose = "発表会", StartsAt = DateTime.UtcNow.AddDays(45), EndsAt = DateTime.UtcNow.AddDays(45).AddHours(3), CreatedAt = DateTime.UtcNow });
        },
        ["talentEntries"] = (db, p) => Add(db, new TalentEntry { CityId = p.CityId, UserId = p.UserId, Kind = TalentKind.Instructor, DisplayName = "データ 花子", Subjects = "手話", Profile = "手話通訳士", FeeText = "無料", Times = "土日", ContactPhone = "0837-11-2222", Status = TalentStatus.Published, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow }),
        ["talentRequests"] = async (db, p) =>
        {
            var entry = new TalentEntry { CityId = p.CityId, Kind = TalentKind.Adviser, DisplayName = "講師 一郎", Subjects = "会計", Profile = "税理士", FeeText = "無料", Times = "平日", Status = TalentStatus.Published, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            await Add(db, entry);
            await Add(db, new TalentRequest { CityId = p.CityId, EntryId = entry.Id, RequesterUserId = p.UserId, Purpose = "会計の講座", PreferredDates = "3月", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        },
    };

    private sealed record Person(string UserId, string Email, int CityId, int GroupId, int VolunteerId, int OtherVolunteerId, int OpportunityId, int ShiftId, int RoomId);

    [Fact]
    public async Task EveryRegisteredSection_AppearsInTheExport_AndGoesWithTheAccount()
    {
        var (browser, person) = await PersonWithDataInEverySectionAsync();

        var export = await browser.SubmitAsync("/account/data", new Dictionary<string, string>());
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync()))
        {
            foreach (var section in Sections())
                json.RootElement.GetProperty(section).GetArrayLength().ShouldBeGreaterThan(0, $"the export's \"{section}\" is empty");
        }

        var deleted = await browser.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = TestData.Password });
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var subject = new PersonalDataSubject(person.UserId, await db.Cities.ToDictionaryAsync(c => c.Id, c => c.Slug));
        foreach (var section in scope.ServiceProvider.GetServices<IPersonalData>())
            (await section.ExportAsync(subject, default)).ShouldBeEmpty($"\"{section.Section}\" still holds the deleted person's data");
        // The centre keeps the consultation it answered, but no longer who asked or how to reach them.
        (await db.Consultations.IgnoreQueryFilters().AnyAsync(c => c.RequesterEmail == person.Email || c.RequesterName == "データ 花子")).ShouldBeFalse();
        // An invitation left to the address could otherwise be accepted by whoever registers it next.
        (await db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().AnyAsync(i => i.Email == person.Email)).ShouldBeFalse();
    }

    [Fact]
    public void EveryRegisteredSection_HasAWayToGiveAPersonData()
    {
        Sections().Except(_giveData.Keys).ShouldBeEmpty("Add to PersonalDataTests how a person comes to have data in these sections");
    }

    private List<string> Sections()
    {
        using var scope = factory.Services.CreateScope();
        return scope.ServiceProvider.GetServices<IPersonalData>().Select(s => s.Section).ToList();
    }

    private async Task<(Browser Browser, Person Person)> PersonWithDataInEverySectionAsync()
    {
        var (browser, user) = await TestData.SignedInAsync(factory, u => u.InCity(City, CityRole.GroupAdmin));
        var cityId = await TestData.CityIdAsync(factory, City);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(user))).Id;
        var volunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(user))).Id;
        var other = await TestData.CreateUserAsync(factory);
        var otherVolunteerId = (await TestData.CreateVolunteerAsync(factory, City, v => v.For(other))).Id;
        var (opportunityId, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));
        var roomId = (await TestData.CreateRoomAsync(factory, City, r => r.Named(TestData.Unique("データ確認室")))).Id;
        var person = new Person(user.Id, user.Email!, cityId, groupId, volunteerId, otherVolunteerId, opportunityId, shifts[0], roomId);
        foreach (var section in Sections())
            await TestData.WithDbAsync(factory, async db => { await _giveData[section](db, person); return 0; });
        return (browser, person);
    }

    private static async Task Add(TsunaguDb db, object row)
    {
        db.Add(row);
        await db.SaveChangesAsync();
    }
}
