using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Account;

/// <summary>The account rules the pages share: e-mails with links, the personal data export, deletion.</summary>
public class AccountService(TsunaguDb db, UserManager<AppUser> users, Outbox outbox, Text t, PublicLinks links)
{
    public async Task SendConfirmationAsync(AppUser user)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.For($"/account/confirm-email?userId={Uri.EscapeDataString(user.Id)}&code={code}");
        await outbox.SendAsync(user.Email!, t["【つなぐ】メールアドレスの確認"],
            t["{0} 様\n\nつなぐへのご登録ありがとうございます。次のリンクを開いて、メールアドレスを確認してください。\n\n{1}\n\nお心当たりのない場合は、このメールを破棄してください。", user.DisplayName, link]);
    }

    public async Task SendPasswordResetAsync(AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.For($"/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}");
        await outbox.SendAsync(user.Email!, t["【つなぐ】パスワードの再設定"],
            t["{0} 様\n\nパスワードの再設定を受け付けました。次のリンクを開いて、新しいパスワードを設定してください。\n\n{1}\n\nお心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。", user.DisplayName, link]);
    }

    /// <summary>Staff invitation: the link sets a first password, which also proves the e-mail address.</summary>
    public async Task SendInvitationAsync(AppUser user, string cityName, string roleName)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.For($"/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}&invited=true");
        await outbox.SendAsync(user.Email!, t["【つなぐ】{0}の{1}として招待されました", cityName, roleName],
            t["{0} 様\n\n{1}の{2}としてつなぐに招待されました。次のリンクを開いてパスワードを設定し、サインインしてください。職員の役割では、二要素認証の設定が必要です。\n\n{3}", user.DisplayName, cityName, roleName, link]);
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }

    /// <summary>Everything Tsunagu holds about the person, as JSON (個人情報の開示).</summary>
    public async Task<byte[]> ExportAsync(AppUser user)
    {
        var memberships = await db.CityMemberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .Select(m => new { City = db.Cities.Where(c => c.Id == m.CityId).Select(c => c.Slug).First(), Role = m.Role.ToString(), Department = m.Department == null ? null : m.Department.Name, m.CreatedAt })
            .ToListAsync();
        var tokens = await db.ApiTokens.AsNoTracking().Where(k => k.UserId == user.Id)
            .Select(k => new { k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt }).ToListAsync();
        // The volunteer registrations (any city) with their applications and messages sent: what Tsunagu keeps about the person there.
        var registrations = await db.Set<Volunteers.Volunteer>().IgnoreQueryFilters().AsNoTracking().Where(v => v.UserId == user.Id)
            .Include(v => v.Skills).Include(v => v.Interests).Include(v => v.Districts).AsSplitQuery().ToListAsync();
        var volunteerIds = registrations.Select(v => v.Id).ToList();
        var skillIds = registrations.SelectMany(v => v.Skills).Select(s => s.SkillId).ToList();
        var skillNames = await db.Set<Volunteers.VolunteerSkill>().IgnoreQueryFilters().Where(s => skillIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
        var districtIds = registrations.SelectMany(v => v.Districts).Select(d => d.DistrictId).ToList();
        var districtNames = await db.Districts.IgnoreQueryFilters().Where(d => districtIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name);
        var citySlugs = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug);
        var applications = await (from a in db.Set<Opportunities.ShiftApplication>().IgnoreQueryFilters()
                                  join o in db.Set<Opportunities.Opportunity>().IgnoreQueryFilters() on a.OpportunityId equals o.Id
                                  where volunteerIds.Contains(a.VolunteerId)
                                  select new { a.VolunteerId, Opportunity = o.Title, Status = a.Status.ToString(), a.Message, a.CreatedAt, a.MatchedAt, a.Attended, a.Hours, a.VolunteerConfirmedAt })
            .AsNoTracking().ToListAsync();
        var volunteers = registrations.Select(v => new
        {
            City = citySlugs[v.CityId], AgeBand = v.AgeBand.ToString(), v.Availability, v.FreeSkills, v.Languages, v.Qualifications, v.Phone,
            Notify = v.Notify.ToString(), Status = v.Status.ToString(), v.GuardianName, v.GuardianConsentAt, v.ShiftsRecorded, v.ShiftsAttended, v.CreatedAt, v.UpdatedAt,
            Skills = v.Skills.Select(s => skillNames.GetValueOrDefault(s.SkillId)).ToList(),
            Interests = v.Interests.Select(i => i.Field).Order().ToList(),
            Districts = v.Districts.Select(d => districtNames.GetValueOrDefault(d.DistrictId)).ToList(),
            Applications = applications.Where(a => a.VolunteerId == v.Id).Select(a => new { a.Opportunity, a.Status, a.Message, a.CreatedAt, a.MatchedAt, a.Attended, a.Hours, a.VolunteerConfirmedAt }).ToList(),
        }).ToList();
        var messages = await db.Set<Opportunities.ApplicationMessage>().IgnoreQueryFilters().AsNoTracking().Where(m => m.SenderUserId == user.Id)
            .Select(m => new { m.ApplicationId, m.Body, m.CreatedAt }).ToListAsync();
        // What the person put in the talent bank, asked of it, posted as needs and offers, and posted as opportunities.
        var talentEntries = await db.Set<TalentBank.TalentEntry>().IgnoreQueryFilters().AsNoTracking().Where(e => e.UserId == user.Id)
            .Select(e => new { City = citySlugs[e.CityId], Kind = e.Kind.ToString(), e.DisplayName, e.Subjects, e.Profile, e.FeeText, e.FeeYen, e.Times, e.ContactPhone, Status = e.Status.ToString(), e.CreatedAt, e.UpdatedAt })
            .ToListAsync();
        var talentRequests = await db.Set<TalentBank.TalentRequest>().IgnoreQueryFilters().AsNoTracking().Where(r => r.RequesterUserId == user.Id)
            .Select(r => new { City = citySlugs[r.CityId], r.Purpose, r.PreferredDates, r.Participants, r.Message, Status = r.Status.ToString(), r.StaffNote, r.CreatedAt })
            .ToListAsync();
        var exchangePosts = await db.Set<Exchange.ExchangePost>().IgnoreQueryFilters().AsNoTracking().Where(p => p.PostedByUserId == user.Id)
            .Select(p => new { City = citySlugs[p.CityId], Direction = p.Direction.ToString(), Category = p.Category.ToString(), p.Title, p.Details, Status = p.Status.ToString(), p.CreatedAt })
            .ToListAsync();
        var opportunitiesPosted = await db.Set<Opportunities.Opportunity>().IgnoreQueryFilters().AsNoTracking().Where(o => o.CreatedByUserId == user.Id)
            .Select(o => new { City = citySlugs[o.CityId], o.Title, o.Description, o.Place, Status = o.Status.ToString(), o.CreatedAt })
            .ToListAsync();
        // Registrations for courses and events, with the person's survey answer.
        var eventRows = await (from r in db.Set<Events.EventRegistration>().IgnoreQueryFilters()
                               join e in db.Set<Events.Event>().IgnoreQueryFilters() on r.EventId equals e.Id
                               where r.UserId == user.Id
                               select new
                               {
                                   e.CityId, Event = e.Title, Status = r.Status.ToString(), r.Position, r.Code, r.CreatedAt, r.PromotedAt, r.CancelledAt, r.CheckedInAt,
                                   Survey = db.Set<Events.EventSurveyAnswer>().IgnoreQueryFilters().Where(a => a.RegistrationId == r.Id)
                                       .Select(a => new { a.Satisfaction, a.Comment, a.CreatedAt }).FirstOrDefault(),
                               }).AsNoTracking().ToListAsync();
        var eventRegistrations = eventRows.Select(r => new
        {
            City = citySlugs[r.CityId], r.Event, r.Status, r.Position, r.Code, r.CreatedAt, r.PromotedAt, r.CancelledAt, r.CheckedInAt, r.Survey,
        }).ToList();
        // What the person booked and asked of the centre: rooms (with equipment), on-request lectures, lockers for a group.
        var bookingRows = await (from b in db.Set<Spaces.Booking>().IgnoreQueryFilters()
                                 join r in db.Set<Spaces.Room>().IgnoreQueryFilters() on b.RoomId equals r.Id
                                 where b.UserId == user.Id
                                 orderby b.StartsAt
                                 select new { b.Id, b.CityId, Room = r.Name, b.Purpose, b.StartsAt, b.EndsAt, Status = b.Status.ToString(), b.FeeYen, b.PaidAt, b.CancelledAt, b.People, b.CreatedAt })
            .AsNoTracking().ToListAsync();
        var bookingIds = bookingRows.Select(b => b.Id).ToList();
        var lent = (await (from e in db.Set<Spaces.BookingEquipment>().IgnoreQueryFilters()
                           join i in db.Set<Spaces.EquipmentItem>().IgnoreQueryFilters() on e.EquipmentItemId equals i.Id
                           where bookingIds.Contains(e.BookingId)
                           select new { e.BookingId, Item = i.Name, e.Quantity }).AsNoTracking().ToListAsync()).ToLookup(e => e.BookingId);
        var roomBookings = bookingRows.Select(b => new
        {
            City = citySlugs[b.CityId], b.Room, b.Purpose, b.StartsAt, b.EndsAt, b.Status, b.FeeYen, b.PaidAt, b.CancelledAt, b.People, b.CreatedAt,
            Equipment = lent[b.Id].Select(e => new { e.Item, e.Quantity }).ToList(),
        }).ToList();
        var lectureRequests = (await (from r in db.Set<Lectures.LectureRequest>().IgnoreQueryFilters()
                                      join topic in db.Set<Lectures.LectureTopic>().IgnoreQueryFilters() on r.TopicId equals topic.Id
                                      where r.RequesterUserId == user.Id
                                      select new { r.CityId, Topic = topic.Title, r.Organisation, r.PreferredDates, r.Place, r.Participants, r.Message, Status = r.Status.ToString(), r.ScheduledAt, r.CreatedAt })
            .AsNoTracking().ToListAsync()).Select(r => new { City = citySlugs[r.CityId], r.Topic, r.Organisation, r.PreferredDates, r.Place, r.Participants, r.Message, r.Status, r.ScheduledAt, r.CreatedAt }).ToList();
        var lockerApplications = (await (from l in db.Set<Spaces.LockerRental>().IgnoreQueryFilters()
                                         join g in db.Groups.IgnoreQueryFilters() on l.GroupId equals g.Id
                                         where l.ApplicantUserId == user.Id
                                         select new { l.CityId, Group = g.Name, Kind = l.Kind.ToString(), l.FiscalYear, Locker = db.Set<Spaces.Locker>().IgnoreQueryFilters().Where(x => x.Id == l.LockerId).Select(x => x.Label).FirstOrDefault(), Status = l.Status.ToString(), l.FeeYen, l.AppliedAt, l.PaidOn })
            .AsNoTracking().ToListAsync()).Select(l => new { City = citySlugs[l.CityId], l.Group, l.Kind, l.FiscalYear, l.Locker, l.Status, l.FeeYen, l.AppliedAt, l.PaidOn }).ToList();
        var homeCity = user.HomeCityId is null ? null : await db.Cities.Where(c => c.Id == user.HomeCityId).Select(c => c.Slug).FirstOrDefaultAsync();
        var export = new
        {
            exportedAt = DateTime.UtcNow,
            account = new { user.Id, user.Email, user.EmailConfirmed, user.DisplayName, homeCity, user.TwoFactorEnabled, user.CreatedAt },
            memberships,
            apiTokens = tokens,
            volunteers,
            messagesSent = messages,
            talentEntries,
            talentRequests,
            exchangePosts,
            opportunitiesPosted,
            eventRegistrations,
            roomBookings,
            lectureRequests,
            lockerApplications,
        };
        return JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}
