using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// Per instance, how many registration transactions run at once. They queue on the event's row in the database anyway;
/// waiting here instead keeps a burst (1,000 people at once) from holding every pooled connection while it waits.
/// SQLite has one writer at a time and its driver waits for the lock by sleeping a thread, so there one at a time
/// waits here, without a thread; PostgreSQL queues on the row lock without blocking threads, so a few run at once.
/// </summary>
public sealed class RegistrationGate(int slotCount)
{
    private readonly SemaphoreSlim slots = new(slotCount);
    public Task WaitAsync(CancellationToken ct) => slots.WaitAsync(ct);
    public void Release() => slots.Release();
}

/// <summary>The outcome of a registration step: done, or refused with a reason (for a field).</summary>
public sealed record RegistrationResult(EventRegistration? Registration, string? Error = null, bool NotFound = false, bool Conflict = false, bool Ineligible = false)
{
    public bool Succeeded => Error is null && !NotFound;
}

/// <summary>What staff (or a group) enter for an event; meeting times in UTC.</summary>
public sealed record EventDraft(
    string Title, string Description, EventKind Kind, string? Place, string? OnlineLink, int Capacity,
    DateTime RegistrationOpensAt, DateTime RegistrationClosesAt, bool SignLanguage, bool Captioning, bool Childcare, int Fee,
    IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> Meetings,
    int? RoomId = null, EventEligibility Eligibility = EventEligibility.Anyone, int? EligibleGroupId = null);

/// <summary>
/// Events and their registration. An event's <see cref="Event.Confirmed"/> only grows through one conditional UPDATE
/// (…WHERE Confirmed &lt; Capacity) and waitlist positions come from <see cref="Event.WaitlistIssued"/>, both inside the
/// transaction that writes the registration. Every change to an event's registrations first updates the event's row,
/// which orders them (row lock on PostgreSQL, write lock on SQLite): no overfilling, no gaps or duplicates in the queue.
/// </summary>
public partial class EventService(
    TsunaguDb db, TimeProvider clock, CurrentCity city, Outbox outbox, PublicLinks links, Text t, RegistrationGate gate, SpaceService spaces)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private string Slug => city.Required.Slug;

    public Task<Event?> FindAsync(int id, CancellationToken ct = default) =>
        db.Set<Event>().Include(e => e.Meetings.OrderBy(m => m.StartsAt)).Include(e => e.Room).Include(e => e.Group).Include(e => e.EligibleGroup)
            .AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>Published events that have not ended, soonest first.</summary>
    public async Task<List<Event>> UpcomingAsync(CancellationToken ct = default)
    {
        var now = Now;
        var events = await db.Set<Event>().AsNoTracking().Include(e => e.Meetings).Include(e => e.Room).Include(e => e.Group)
            .Where(e => e.Status == EventStatus.Published && e.Meetings.Any(m => m.EndsAt > now)).ToListAsync(ct);
        return [.. events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id)];
    }

    /// <summary>Checks an event as staff entered it; field name → message.</summary>
    public Dictionary<string, string> Validate(EventDraft d, int alreadyConfirmed = 0)
    {
        var errors = new Dictionary<string, string>();
        if (d.Capacity < 1) errors["Capacity"] = t["定員は1以上の数を入力してください。"];
        else if (d.Capacity < alreadyConfirmed) errors["Capacity"] = t["定員は、参加が確定している{0}人より少なくできません。", alreadyConfirmed];
        if (d.Fee < 0) errors["Fee"] = t["参加費は0円以上で入力してください。"];
        if (d.Meetings.Count == 0) errors["Meetings"] = t["日時を1回以上入力してください。"];
        for (var i = 0; i < d.Meetings.Count; i++)
        {
            if (d.Meetings[i].EndsAt <= d.Meetings[i].StartsAt)
                errors.TryAdd($"Meetings[{i}].EndTime", t["第{0}回の終了時刻は開始時刻より後にしてください。", i + 1]);
            for (var j = 0; j < i; j++)
            {
                if (d.Meetings[i].StartsAt < d.Meetings[j].EndsAt && d.Meetings[j].StartsAt < d.Meetings[i].EndsAt)
                    errors.TryAdd($"Meetings[{i}].StartTime", t["第{0}回の時間が第{1}回と重なっています。", i + 1, j + 1]);
            }
        }
        if (d.RegistrationClosesAt <= d.RegistrationOpensAt)
            errors["RegistrationClosesAt"] = t["申込の締切は受付開始より後にしてください。"];
        else if (d.Meetings.Count > 0 && d.RegistrationClosesAt > d.Meetings.Max(m => m.EndsAt))
            errors["RegistrationClosesAt"] = t["申込の締切は、最終回が終わるより前にしてください。"];
        if (d.Kind == EventKind.OnlineExchange && string.IsNullOrWhiteSpace(d.OnlineLink))
            errors["OnlineLink"] = t["オンライン交流会には参加用のリンクを入力してください。"];
        if (!string.IsNullOrWhiteSpace(d.OnlineLink) && !(Uri.TryCreate(d.OnlineLink.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            errors["OnlineLink"] = t["参加用のリンクは https:// で始まるアドレスを入力してください。"];
        if (string.IsNullOrWhiteSpace(d.Place) && string.IsNullOrWhiteSpace(d.OnlineLink) && d.RoomId is null)
            errors["Place"] = t["会場（部屋か場所）か参加用のリンクのどちらかを入力してください。"];
        if (d.Eligibility == EventEligibility.OneGroup && d.EligibleGroupId is null)
            errors["EligibleGroupId"] = t["申し込める団体を選んでください。"];
        return errors;
    }

    /// <summary>
    /// <see cref="Validate"/>, plus what needs the database: the room exists, and (when <paramref name="checkSlots"/>) each
    /// meeting falls in the centre's hours and its room slot is free, apart from the bookings this event already holds.
    /// </summary>
    public async Task<Dictionary<string, string>> ValidateAsync(EventDraft d, int? eventId = null, int alreadyConfirmed = 0, bool checkSlots = true, CancellationToken ct = default)
    {
        var errors = Validate(d, alreadyConfirmed);
        if (d.Eligibility == EventEligibility.OneGroup && d.EligibleGroupId is { } groupId
            && !await db.Groups.AnyAsync(g => g.Id == groupId && g.Status == GroupStatus.Approved, ct))
            errors["EligibleGroupId"] = t["申し込める団体を選んでください。"];
        if (d.RoomId is { } roomId)
        {
            var room = await db.Set<Room>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct);
            if (room is null) errors["RoomId"] = t["部屋を選んでください。"];
            else if (checkSlots && !errors.Keys.Any(k => k.StartsWith("Meetings", StringComparison.Ordinal)))
                foreach (var (field, message) in await RoomProblemsAsync(room, d.Meetings, eventId, ct)) errors.TryAdd(field, message);
        }
        return errors;
    }

    /// <summary>
    /// Creates an event (staff), published at once; with a room, every meeting books it (confirmed, for the centre) first,
    /// and if any slot is taken nothing is saved and the meeting is named. Returns the event, or the errors by field.
    /// </summary>
    public async Task<(Event? Event, Dictionary<string, string> Errors)> CreateAsync(EventDraft d, string? userId, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(d, ct: ct);
        if (errors.Count > 0) return (null, errors);
        var now = Now;
        var e = new Event { Title = "", Description = "", CreatedByUserId = userId, CreatedAt = now, Status = EventStatus.Published };
        Apply(e, d, now);
        AddMeetings(e, d.Meetings);
        var booked = new List<Booking>();
        if (d.RoomId is { } roomId)
        {
            (booked, errors) = await BookAsync(roomId, e.Title, d.Meetings, userId, null, ct);
            if (errors.Count > 0) return (null, errors);
            foreach (var m in e.Meetings) m.BookingId = booked.First(b => b.StartsAt == m.StartsAt && b.EndsAt == m.EndsAt).Id;
        }
        db.Add(e);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await ReleaseAsync(booked.Select(b => b.Id), ct);
            throw;
        }
        return (e, errors);
    }

    /// <summary>
    /// A registered group's administrator proposes an event for the group: saved as waiting for the centre's approval (not
    /// public, no registrations, no room booked yet), and centre staff are told. Null event and no errors: not their group.
    /// </summary>
    public async Task<(Event? Event, Dictionary<string, string> Errors)> ProposeAsync(int groupId, EventDraft d, string userId, CancellationToken ct = default)
    {
        if (!await LeadsAsync(groupId, userId, ct)) return (null, []);
        d = ForGroup(d, groupId);
        var errors = await ValidateAsync(d, ct: ct);
        if (errors.Count > 0) return (null, errors);
        var now = Now;
        var e = new Event { Title = "", Description = "", CreatedByUserId = userId, CreatedAt = now, Status = EventStatus.PendingApproval, GroupId = groupId };
        Apply(e, d, now);
        AddMeetings(e, d.Meetings);
        db.Add(e);
        await TellStaffAsync(e, ct);
        await db.SaveChangesAsync(ct);
        return (e, errors);
    }

    /// <summary>Whether the person administers this registered (approved) group.</summary>
    public Task<bool> LeadsAsync(int groupId, string userId, CancellationToken ct = default) =>
        db.Groups.AnyAsync(g => g.Id == groupId && g.Status == GroupStatus.Approved && g.Administrators.Any(a => a.UserId == userId), ct);

    /// <summary>A group may not offer the centre's on-request lectures, and limits an event to a group only to itself.</summary>
    private static EventDraft ForGroup(EventDraft d, int groupId) => d with
    {
        Kind = d.Kind == EventKind.OnRequestLecture ? EventKind.Course : d.Kind,
        EligibleGroupId = d.Eligibility == EventEligibility.OneGroup ? groupId : null,
    };

    private async Task TellStaffAsync(Event e, CancellationToken ct)
    {
        var group = await db.Groups.Where(g => g.Id == e.GroupId).Select(g => g.Name).FirstAsync(ct);
        foreach (var email in await db.CityMemberships.EmailsOfAsync(CityRole.CentreStaff, ct))
            outbox.Enqueue(email, t["【つなぐ】講座・イベントの提案がありました"],
                t["「{0}」から講座・イベント「{1}」の提案がありました。内容を確認し、承認するか見送ってください。\n\n{2}", group, e.Title, links.For($"/{Slug}/admin/events")]);
    }

    /// <summary>
    /// Changes an event. A published event with a room keeps the bookings of unchanged meetings and moves the others (a
    /// meeting whose new slot is taken is named and nothing changes); a larger capacity promotes people from the waitlist.
    /// A group's proposal (waiting or rejected) books nothing; changed by its group (<paramref name="resubmit"/>), it waits
    /// for approval again. A cancelled event cannot be changed.
    /// </summary>
    public async Task<Dictionary<string, string>> UpdateAsync(int id, EventDraft d, CancellationToken ct = default) => await UpdateAsync(id, d, false, ct);

    /// <summary>
    /// For each new meeting time (in time order), the existing meeting row it takes: a time that did not change keeps its
    /// own row (its id, its reminders already sent, its calendar entry); the other times take the rows left, in time order;
    /// null for a meeting that is new. Rows no time takes are removed.
    /// </summary>
    public static int?[] PairMeetings(IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> rows, IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)> times)
    {
        var rowFor = new int?[times.Count];
        var taken = new bool[rows.Count];
        for (var i = 0; i < times.Count; i++)
            for (var j = 0; j < rows.Count; j++)
                if (!taken[j] && rows[j] == times[i]) { rowFor[i] = j; taken[j] = true; break; }
        var free = Enumerable.Range(0, rows.Count).Where(j => !taken[j]).GetEnumerator();
        for (var i = 0; i < times.Count; i++)
            if (rowFor[i] is null && free.MoveNext()) rowFor[i] = free.Current;
        return rowFor;
    }

    private async Task<Dictionary<string, string>> UpdateAsync(int id, EventDraft d, bool resubmit, CancellationToken ct)
    {
        var e = await db.Set<Event>().Include(x => x.Meetings).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new InvalidOperationException("No such event.");
        if (e.Status == EventStatus.Cancelled) return new() { ["Status"] = t["中止したイベントは変更できません。"] };
        if (e.GroupId is { } groupId) d = ForGroup(d, groupId);
        var errors = await ValidateAsync(d, id, e.Confirmed, ct: ct);
        if (errors.Count > 0) return errors;

        var slots = d.Meetings.Select((m, i) => (m.StartsAt, m.EndsAt, Index: i)).OrderBy(m => m.StartsAt).ToList();
        var old = e.Meetings.OrderBy(m => m.StartsAt).ToList();
        // What this change was planned against: if the event is reviewed, cancelled or edited while rooms are booked, it stops.
        var statusRead = e.Status;
        var meetingsRead = old.Select(m => (m.Id, m.StartsAt, m.EndsAt, m.BookingId)).ToList();
        var booksRoom = e.Status == EventStatus.Published && d.RoomId is not null;
        var rowFor = PairMeetings(old.Select(m => (m.StartsAt, m.EndsAt)).ToList(), slots.Select(m => (m.StartsAt, m.EndsAt)).ToList());
        var unused = Enumerable.Range(0, old.Count).Where(j => !rowFor.Contains(j)).ToList();
        var keep = new bool[slots.Count];
        var release = new List<int>();
        for (var i = 0; i < slots.Count; i++)
        {
            if (rowFor[i] is not { } o) continue;
            var same = old[o].StartsAt == slots[i].StartsAt && old[o].EndsAt == slots[i].EndsAt;
            if (booksRoom && same && d.RoomId == e.RoomId && old[o].BookingId is not null) keep[i] = true;
            else if (old[o].BookingId is { } bookingId) release.Add(bookingId);
        }
        release.AddRange(unused.Select(j => old[j].BookingId).OfType<int>());
        var needed = slots.Where((_, i) => booksRoom && !keep[i]).ToList();
        // The freed slots go first, so a meeting can move within its own old time; if a new slot is taken after all, the old ones come back.
        var released = await ReleaseAsync(release, ct);
        var booked = new List<Booking>();
        if (needed.Count > 0)
        {
            var draftOrder = needed.Select(n => (n.StartsAt, n.EndsAt)).ToList();
            (booked, var bookingErrors) = await BookAsync(d.RoomId!.Value, d.Title.Trim(), draftOrder, e.CreatedByUserId, e.GroupId, ct);
            if (bookingErrors.Count > 0)
            {
                await RestoreAsync(released, ct);
                // BookAsync names meetings by their place in the list it was given: back to their place in the draft.
                foreach (var (field, message) in bookingErrors)
                {
                    var m = MeetingFieldPattern().Match(field);
                    errors[m.Success ? $"Meetings[{needed[int.Parse(m.Groups[1].Value)].Index}].{m.Groups[2].Value}" : field] = message;
                }
                return errors;
            }
        }

        var promoted = new List<EventRegistration>();
        // The room service saved on this context (and clears it when it meets a conflict): start the change from the database.
        db.ChangeTracker.Clear();
        e = await db.Set<Event>().Include(x => x.Meetings).FirstAsync(x => x.Id == id, ct);
        old = e.Meetings.OrderBy(m => m.StartsAt).ToList();
        // From here the Status token guards the save; before here, the event must still be as it was read.
        if (e.Status != statusRead || !old.Select(m => (m.Id, m.StartsAt, m.EndsAt, m.BookingId)).SequenceEqual(meetingsRead))
            errors["Status"] = t["ほかの職員が同時にこのイベントを変更しました。画面を開き直してください。"];
        var strategy = db.Database.CreateExecutionStrategy();
        if (errors.Count == 0)
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // Lock the row first, then check the capacity against the count as it is now.
                await db.Set<Event>().Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, Now), ct);
                var confirmed = await db.Set<Event>().Where(x => x.Id == id).Select(x => x.Confirmed).FirstAsync(ct);
                if (d.Capacity < confirmed)
                {
                    errors["Capacity"] = t["定員は、参加が確定している{0}人より少なくできません。", confirmed];
                    return;
                }
                foreach (var j in unused) db.Remove(old[j]);
                for (var i = 0; i < slots.Count; i++)
                {
                    var meeting = rowFor[i] is { } o ? old[o] : new EventMeeting();
                    meeting.StartsAt = slots[i].StartsAt;
                    meeting.EndsAt = slots[i].EndsAt;
                    meeting.BookingId = keep[i] ? meeting.BookingId
                        : booksRoom ? booked.First(b => b.StartsAt == slots[i].StartsAt && b.EndsAt == slots[i].EndsAt).Id : null;
                    if (rowFor[i] is null) e.Meetings.Add(meeting);
                }
                Apply(e, d, Now);
                if (resubmit)
                {
                    e.Status = EventStatus.PendingApproval;
                    e.ReviewComment = null;
                    e.ReviewedAt = null;
                    await TellStaffAsync(e, ct);
                }
                db.Entry(e).Property(x => x.Confirmed).IsModified = false;
                db.Entry(e).Property(x => x.WaitlistIssued).IsModified = false;
                await db.SaveChangesAsync(ct); // Status is a concurrency token: cancelled or reviewed meanwhile, this fails.
                promoted = await PromoteAsync(id, ct);
                await tx.CommitAsync(ct);
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            errors["Status"] = t["ほかの職員が同時にこのイベントを変更しました。画面を開き直してください。"];
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            await ReleaseAsync(booked.Select(b => b.Id), ct);
            await RestoreAsync(released, ct);
            return errors;
        }
        await TellPromotedAsync(e, promoted, ct);
        return errors;
    }

    /// <summary>
    /// A group changes its proposal while it waits or after it was rejected: it waits for approval again. False when the
    /// event is not this group's proposal or the person does not administer the group.
    /// </summary>
    public async Task<(bool Found, Dictionary<string, string> Errors)> ReviseProposalAsync(int groupId, int id, EventDraft d, string userId, CancellationToken ct = default)
    {
        if (!await LeadsAsync(groupId, userId, ct)) return (false, []);
        if (!await db.Set<Event>().AnyAsync(e => e.Id == id && e.GroupId == groupId && (e.Status == EventStatus.PendingApproval || e.Status == EventStatus.Rejected), ct))
            return (false, []);
        return (true, await UpdateAsync(id, d, true, ct));
    }

    private static void AddMeetings(Event e, IEnumerable<(DateTime StartsAt, DateTime EndsAt)> meetings)
    {
        foreach (var (start, end) in meetings.OrderBy(m => m.StartsAt))
            e.Meetings.Add(new EventMeeting { StartsAt = start, EndsAt = end });
    }

    private static void Apply(Event e, EventDraft d, DateTime now)
    {
        e.Title = d.Title.Trim();
        e.Description = d.Description.Trim();
        e.Kind = d.Kind;
        e.Place = string.IsNullOrWhiteSpace(d.Place) ? null : d.Place.Trim();
        e.OnlineLink = string.IsNullOrWhiteSpace(d.OnlineLink) ? null : d.OnlineLink.Trim();
        e.Capacity = d.Capacity;
        e.RegistrationOpensAt = d.RegistrationOpensAt;
        e.RegistrationClosesAt = d.RegistrationClosesAt;
        e.SignLanguage = d.SignLanguage;
        e.Captioning = d.Captioning;
        e.Childcare = d.Childcare;
        e.Fee = d.Fee;
        e.RoomId = d.RoomId;
        e.Eligibility = d.Eligibility;
        e.EligibleGroupId = d.Eligibility == EventEligibility.OneGroup ? d.EligibleGroupId : null;
        e.UpdatedAt = now;
    }

    public bool HasStarted(Event e) => e.StartsAt <= Now;

    /// <summary>Why a new registration would be refused now, or null while it is open.</summary>
    public string? ClosedReason(Event e)
    {
        var now = Now;
        if (e.Status == EventStatus.PendingApproval) return t["このイベントはセンターの承認待ちのため、まだ申し込めません。"];
        if (e.Status == EventStatus.Rejected) return t["このイベントは公開されていません。"];
        if (e.Status != EventStatus.Published) return t["このイベントは中止になりました。"];
        if (now < e.RegistrationOpensAt) return t["申込の受付はまだ始まっていません。"];
        if (now >= e.RegistrationClosesAt || e.StartsAt <= now) return t["申込の受付は終了しました。"];
        return null;
    }

    /// <summary>The signed-in person's registration for an event, if any.</summary>
    public Task<EventRegistration?> MineAsync(int eventId, string userId, CancellationToken ct = default) =>
        db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.EventId == eventId && r.UserId == userId, ct);

    /// <summary>Someone's place in the queue now: those still waiting before them, plus one.</summary>
    public async Task<int> QueuePlaceAsync(EventRegistration r, CancellationToken ct = default) =>
        await db.Set<EventRegistration>().CountAsync(x => x.EventId == r.EventId && x.Status == RegistrationStatus.Waitlisted && x.Position < r.Position, ct) + 1;

    /// <summary>
    /// A person registers: confirmed while places remain, else waitlisted in arrival order. Only who the event is for may
    /// register; for residents only, the person declares it (<paramref name="declaresResident"/>).
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(int eventId, string userId, bool declaresResident = false, CancellationToken ct = default)
    {
        var e = await FindAsync(eventId, ct);
        if (e is null || e.Status is EventStatus.PendingApproval or EventStatus.Rejected) return new RegistrationResult(null, t["イベントが見つかりません。"], NotFound: true);
        var now = Now;
        if (ClosedReason(e) is { } closed) return new RegistrationResult(null, closed);
        if (await IneligibleReasonAsync(e, userId, ct) is { } ineligible) return new RegistrationResult(null, ineligible, Ineligible: true);
        if (e.Eligibility == EventEligibility.Residents && !declaresResident) return new RegistrationResult(null, ResidentsOnly());
        var earlier = await db.Set<EventRegistration>().FirstOrDefaultAsync(r => r.EventId == eventId && r.UserId == userId, ct);
        if (earlier is not null && earlier.Status != RegistrationStatus.Cancelled)
            return new RegistrationResult(null, t["このイベントにはすでに申し込んでいます。"], Conflict: true);

        var strategy = db.Database.CreateExecutionStrategy();
        // Registrations for one event take turns on its row anyway: a burst waits here, not holding a pooled connection.
        await gate.WaitAsync(ct);
        try
        {
            var registration = await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // The one place a seat is taken; the row lock (PostgreSQL) or write lock (SQLite) orders concurrent registrations,
                // and a cancellation that got there first leaves nothing to take.
                var took = await db.Set<Event>().Where(x => x.Id == eventId && x.Status == EventStatus.Published && x.Confirmed < x.Capacity)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed + 1), ct);
                int? position = null;
                if (took == 0)
                {
                    var queued = await db.Set<Event>().Where(x => x.Id == eventId && x.Status == EventStatus.Published)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.WaitlistIssued, x => x.WaitlistIssued + 1), ct);
                    if (queued == 0) return null;
                    position = await db.Set<Event>().Where(x => x.Id == eventId).Select(x => x.WaitlistIssued).FirstAsync(ct);
                }
                var r = earlier ?? new EventRegistration { EventId = eventId, UserId = userId, Code = "" };
                r.Status = took == 1 ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
                r.Position = position;
                r.Code = NewCode();
                r.CreatedAt = now;
                r.PromotedAt = null;
                r.CancelledAt = null;
                r.CheckedInAt = null;
                r.DeclaredResident = e.Eligibility == EventEligibility.Residents && declaresResident;
                if (earlier is null) db.Add(r);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return r;
            });
            if (registration is null)
            {
                db.ChangeTracker.Clear();
                return new RegistrationResult(null, t["このイベントは中止になりました。"]);
            }
            return new RegistrationResult(registration);
        }
        catch (DbUpdateException)
        {
            // The unique (event, person) index, or the status token: the same person's second request arrived at the same moment.
            db.ChangeTracker.Clear();
            return new RegistrationResult(null, t["このイベントにはすでに申し込んでいます。"], Conflict: true);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A person cancels; a confirmed place goes to the first on the waitlist, who is told by e-mail.</summary>
    public async Task<RegistrationResult> CancelAsync(int eventId, string userId, CancellationToken ct = default)
    {
        var r = await db.Set<EventRegistration>().FirstOrDefaultAsync(x => x.EventId == eventId && x.UserId == userId, ct);
        if (r is null) return new RegistrationResult(null, t["申込が見つかりません。"], NotFound: true);
        if (r.Status is not (RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted))
            return new RegistrationResult(r, t["この申込は取り消せません。"]);
        var e = (await FindAsync(eventId, ct))!;
        if (HasStarted(e)) return new RegistrationResult(r, t["始まったイベントの申込は取り消せません。"]);
        var wasConfirmed = r.Status == RegistrationStatus.Confirmed;
        var promoted = new List<EventRegistration>();
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (wasConfirmed)
                    await db.Set<Event>().Where(x => x.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed - 1), ct);
                else
                    await db.Set<Event>().Where(x => x.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, Now), ct);
                r.Status = RegistrationStatus.Cancelled;
                r.CancelledAt = Now;
                await db.SaveChangesAsync(ct); // Status is a concurrency token: a promotion or check-in in between fails this and rolls back.
                if (wasConfirmed) promoted = await PromoteAsync(eventId, ct);
                await tx.CommitAsync(ct);
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new RegistrationResult(null, t["申込の状態が変わりました。もう一度お確かめください。"], Conflict: true);
        }
        await TellPromotedAsync(e, promoted, ct);
        return new RegistrationResult(r);
    }

    /// <summary>
    /// Before an account is deleted (no city in the request): its places are given up and go to the first waiting, so no
    /// seat is lost with the account and the counter stays true; its survey comments are cleared (the scores still count).
    /// </summary>
    public async Task ReleaseAllAsync(string userId, CancellationToken ct = default)
    {
        // Survey answers stay in the satisfaction figures, but the person's own words go with them.
        await db.Set<EventSurveyAnswer>().IgnoreQueryFilters()
            .Where(a => db.Set<EventRegistration>().IgnoreQueryFilters().Any(r => r.Id == a.RegistrationId && r.UserId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Comment, (string?)null), ct);
        var mine = await db.Set<EventRegistration>().IgnoreQueryFilters()
            .Where(r => r.UserId == userId && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted)).ToListAsync(ct);
        foreach (var r in mine)
        {
            var e = await db.Set<Event>().IgnoreQueryFilters().Include(x => x.Meetings).AsNoTracking().FirstAsync(x => x.Id == r.EventId, ct);
            var wasConfirmed = r.Status == RegistrationStatus.Confirmed;
            var promoted = new List<EventRegistration>();
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.Set<Event>().IgnoreQueryFilters().Where(x => x.Id == r.EventId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => wasConfirmed ? x.Confirmed - 1 : x.Confirmed).SetProperty(x => x.UpdatedAt, Now), ct);
                r.Status = RegistrationStatus.Cancelled;
                r.CancelledAt = Now;
                await db.SaveChangesAsync(ct);
                if (wasConfirmed && !HasStarted(e)) promoted = await PromoteAsync(r.EventId, ct);
                await tx.CommitAsync(ct);
            });
            var slug = await db.Cities.Where(c => c.Id == e.CityId).Select(c => c.Slug).FirstAsync(ct);
            await TellPromotedAsync(e, promoted, slug, ct);
        }
    }

    /// <summary>Inside the caller's transaction, after it has locked the event's row: fills free places from the waitlist in order.</summary>
    private async Task<List<EventRegistration>> PromoteAsync(int eventId, CancellationToken ct)
    {
        var promoted = new List<EventRegistration>();
        while (true)
        {
            var next = await db.Set<EventRegistration>().IgnoreQueryFilters().Where(x => x.EventId == eventId && x.Status == RegistrationStatus.Waitlisted)
                .OrderBy(x => x.Position).FirstOrDefaultAsync(ct);
            if (next is null) break;
            var took = await db.Set<Event>().IgnoreQueryFilters().Where(x => x.Id == eventId && x.Status == EventStatus.Published && x.Confirmed < x.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed + 1), ct);
            if (took == 0) break;
            next.Status = RegistrationStatus.Confirmed;
            next.PromotedAt = Now;
            await db.SaveChangesAsync(ct);
            promoted.Add(next);
        }
        return promoted;
    }

    private Task TellPromotedAsync(Event e, List<EventRegistration> promoted, CancellationToken ct) => TellPromotedAsync(e, promoted, Slug, ct);

    private async Task TellPromotedAsync(Event e, List<EventRegistration> promoted, string slug, CancellationToken ct)
    {
        if (promoted.Count == 0) return;
        var ids = promoted.Select(p => p.UserId).ToList();
        var emails = await db.Users.Where(u => ids.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        foreach (var email in emails)
            outbox.Enqueue(email, t["【つなぐ】「{0}」の参加が確定しました", e.Title],
                t["キャンセル待ちをしていた「{0}」（{1}）に空きが出たため、参加が確定しました。受付コードは申込一覧で確認できます。\n\n{2}",
                    e.Title, e.StartsAt is { } s ? Display.Tokyo(s) : "", links.For($"/{slug}/events/mine")]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Staff check a person in at the door by their registration code.</summary>
    public async Task<RegistrationResult> CheckInAsync(int eventId, string code, CancellationToken ct = default)
    {
        var normalised = (code ?? "").Trim().ToUpperInvariant().Replace("-", "").Replace(" ", "");
        var r = await db.Set<EventRegistration>().FirstOrDefaultAsync(x => x.EventId == eventId && x.Code == normalised, ct);
        if (r is null) return new RegistrationResult(null, t["この受付コードの申込はありません。"]);
        if (r.Status == RegistrationStatus.Attended) return new RegistrationResult(r, t["この方はすでに受付済みです。"]);
        if (r.Status != RegistrationStatus.Confirmed)
            return new RegistrationResult(r, r.Status == RegistrationStatus.Waitlisted ? t["この方はキャンセル待ちです。参加は確定していません。"] : t["この申込は取り消されています。"]);
        r.Status = RegistrationStatus.Attended;
        r.CheckedInAt = Now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new RegistrationResult(null, t["申込の状態が変わりました。もう一度お確かめください。"]);
        }
        return new RegistrationResult(r);
    }

    /// <summary>Whether the online link may be shown to this registration now: confirmed, from 24 hours before the start until the end.</summary>
    public bool ShowsOnlineLink(Event e, EventRegistration? r) =>
        r is { Status: RegistrationStatus.Confirmed or RegistrationStatus.Attended } && OnlineLinkOpen(e, Now);

    /// <summary>The online link is given from 24 hours before the first meeting until the last one ends, while the event is on.</summary>
    private static bool OnlineLinkOpen(Event e, DateTime at) =>
        e.OnlineLink is not null && e.Status == EventStatus.Published && e.StartsAt is { } start && e.EndsAt is { } end && at >= start.AddHours(-24) && at < end;

    /// <summary>An attendee may answer the survey once, after the last meeting has ended.</summary>
    public async Task<string?> SurveyRefusalAsync(Event e, EventRegistration? r, CancellationToken ct = default)
    {
        if (r is null || r.Status != RegistrationStatus.Attended) return t["アンケートは参加された方だけが回答できます。"];
        if (e.EndsAt is not { } end || end > Now) return t["アンケートはイベントの終了後に回答できます。"];
        if (await db.Set<EventSurveyAnswer>().AnyAsync(a => a.RegistrationId == r.Id, ct)) return t["アンケートにはすでに回答しています。"];
        return null;
    }

    public async Task<string?> AnswerSurveyAsync(int eventId, string userId, int satisfaction, string? comment, CancellationToken ct = default)
    {
        var e = await FindAsync(eventId, ct);
        if (e is null) return t["イベントが見つかりません。"];
        var r = await MineAsync(eventId, userId, ct);
        if (await SurveyRefusalAsync(e, r, ct) is { } refusal) return refusal;
        if (satisfaction is < 1 or > 5) return t["満足度を1から5で選んでください。"];
        db.Add(new EventSurveyAnswer
        {
            EventId = eventId, RegistrationId = r!.Id, Satisfaction = satisfaction, CreatedAt = Now,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return t["アンケートにはすでに回答しています。"];
        }
        return null;
    }

    /// <summary>A registration code: 8 characters people can read out and type at the door (no 0/O, 1/I).</summary>
    internal static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, 8);
}
