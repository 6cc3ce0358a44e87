using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// A few fictional events for each demo city's centre, in the coming weeks: a two-part course (講座) in a demo room, an
/// exchange meeting (交流会) that is full with a waiting list, an online exchange (オンライン交流会) for residents, an
/// activity report meeting (活動報告会) held two weeks ago with survey answers, and a demo group's proposal waiting for
/// approval. Registrations belong to demo participants: accounts without an e-mail address or a password, which cannot
/// sign in and are never mailed. Everything is marked as demo; a city that has any event is left alone. Rooms are booked
/// only where the demo room is free.
/// </summary>
public class DemoEvents(TsunaguDb db, TimeProvider clock) : IDemoDataSet
{
    public int Order => 90;
    public string Description => "Demo events";

    public const int Participants = 10;

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Display.Today(clock);
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (await db.Set<Event>().IgnoreQueryFilters().AnyAsync(e => e.CityId == city.Id, ct)) continue;
            var people = await ParticipantsAsync(city.Id, city.Slug, now, ct);
            var rooms = await db.Set<Room>().IgnoreQueryFilters().Where(r => r.CityId == city.Id && r.IsDemo).ToListAsync(ct);

            Event Make(string title, string description, EventKind kind, int capacity, EventEligibility eligibility = EventEligibility.Anyone) => new()
            {
                CityId = city.Id,
                Title = title,
                Description = description,
                Kind = kind,
                Capacity = capacity,
                Eligibility = eligibility,
                Status = EventStatus.Published,
                IsDemo = true,
                CreatedAt = now,
                UpdatedAt = now,
                RegistrationOpensAt = Display.ToUtc(today.AddDays(-7), new TimeOnly(9, 0)),
                RegistrationClosesAt = now.AddDays(7),
            };
            void Meet(Event e, DateOnly day, int hour, int minute, int minutes)
            {
                var start = Display.ToUtc(day, new TimeOnly(hour, minute));
                e.Meetings.Add(new EventMeeting { CityId = city.Id, StartsAt = start, EndsAt = start.AddMinutes(minutes) });
            }

            var course = Make("はじめての市民活動講座（デモ）",
                "これから地域で活動を始めたい方のための2回連続講座です。第1回は団体の作り方と仲間の集め方、第2回は活動資金と助成金の探し方を学びます。",
                EventKind.Course, 24);
            Meet(course, today.AddDays(10), 14, 0, 120);
            Meet(course, today.AddDays(17), 14, 0, 120);
            course.SignLanguage = true;
            course.RegistrationClosesAt = course.Meetings[0].StartsAt.AddDays(-1);
            await PlaceAsync(course, rooms.FirstOrDefault(r => r.Name.StartsWith("会議室A", StringComparison.Ordinal)), "市民活動センター 会議室A", ct);

            var exchange = Make("市民活動団体 交流会（デモ）",
                "分野の違う団体どうしが、活動の紹介と困りごとを話し合う交流会です。定員になり次第、キャンセル待ちで受け付けます。",
                EventKind.Exchange, 8);
            Meet(exchange, today.AddDays(14), 18, 30, 120);
            exchange.RegistrationClosesAt = exchange.Meetings[0].StartsAt.AddDays(-1);
            exchange.Fee = 300;
            await PlaceAsync(exchange, rooms.FirstOrDefault(r => r.Name.StartsWith("交流スペース", StringComparison.Ordinal)), "市民活動センター 交流スペース", ct);

            var online = Make("オンラインでつながる交流会（デモ）",
                "自宅から参加できるオンライン交流会です。参加用のリンクは、申込が確定した方に開始の24時間前からお知らせします。",
                EventKind.OnlineExchange, 30, EventEligibility.Residents);
            Meet(online, today.AddDays(21), 19, 0, 90);
            online.OnlineLink = "https://meet.example.jp/tsunagu-demo";
            online.Captioning = true;
            online.RegistrationClosesAt = online.Meetings[0].StartsAt.AddHours(-12);

            var report = Make("市民活動 活動報告会（デモ）",
                "今年度に活動した団体が、成果と来年度の計画を報告しました。", EventKind.ActivityReport, 40);
            Meet(report, today.AddDays(-14), 13, 30, 120);
            report.Place = "市民活動センター 多目的ホール";
            report.RegistrationOpensAt = Display.ToUtc(today.AddDays(-45), new TimeOnly(9, 0));
            report.RegistrationClosesAt = report.Meetings[0].StartsAt.AddDays(-1);
            report.Childcare = true;

            db.AddRange(course, exchange, online, report);
            var group = await db.Groups.IgnoreQueryFilters().AsNoTracking().Where(g => g.CityId == city.Id && g.IsDemo && g.Status == GroupStatus.Approved)
                .OrderBy(g => g.Id).Select(g => new { g.Id, g.Name }).FirstOrDefaultAsync(ct);
            if (group is not null)
            {
                var proposal = Make($"{group.Name} 親子ふれあい講座（デモ）",
                    "親子で参加できる手遊びと絵本の読み聞かせの講座です。団体からの提案で、センターの承認を待っています。", EventKind.Course, 15);
                Meet(proposal, today.AddDays(28), 10, 0, 90);
                proposal.Status = EventStatus.PendingApproval;
                proposal.GroupId = group.Id;
                proposal.Place = "市民活動センター 和室";
                proposal.RegistrationClosesAt = proposal.Meetings[0].StartsAt.AddDays(-2);
                db.Add(proposal);
                added++;
            }
            await db.SaveChangesAsync(ct);
            added += 4;

            // Three have registered for the course; the exchange is full, with two waiting; six came to the report and answered the survey.
            Register(course, people.Take(3), RegistrationStatus.Confirmed, now);
            Register(exchange, people.Take(exchange.Capacity), RegistrationStatus.Confirmed, now);
            Register(exchange, people.Skip(exchange.Capacity).Take(2), RegistrationStatus.Waitlisted, now);
            var attended = Register(report, people.Take(6), RegistrationStatus.Attended, report.Meetings[0].StartsAt);
            await db.SaveChangesAsync(ct);
            int[] scores = [5, 4, 4, 5, 3, 4];
            string?[] comments = ["他の団体の工夫が参考になりました。", null, "来年は発表する側になりたいです。", null, "時間がもう少し長いとよかったです。", null];
            for (var i = 0; i < attended.Count; i++)
                db.Add(new EventSurveyAnswer
                {
                    CityId = city.Id,
                    EventId = report.Id,
                    RegistrationId = attended[i].Id,
                    Satisfaction = scores[i],
                    Comment = comments[i],
                    CreatedAt = report.Meetings[0].EndsAt.AddHours(2 + i),
                });
            await db.SaveChangesAsync(ct);
        }
        return added;
    }

    /// <summary>The city's demo participants: no e-mail, no password, so nobody signs in as them and nothing is sent to them.</summary>
    private async Task<List<AppUser>> ParticipantsAsync(int cityId, string slug, DateTime now, CancellationToken ct)
    {
        var names = Enumerable.Range(1, Participants).Select(i => $"demo-participant-{slug}-{i:00}").ToList();
        var existing = await db.Users.Where(u => names.Contains(u.UserName!)).ToListAsync(ct);
        foreach (var name in names.Where(n => existing.All(u => u.UserName != n)))
        {
            var user = new AppUser
            {
                UserName = name,
                NormalizedUserName = name.ToUpperInvariant(),
                DisplayName = $"参加者{name[^2..]}（デモ）",
                HomeCityId = cityId,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now,
            };
            db.Users.Add(user);
            existing.Add(user);
        }
        await db.SaveChangesAsync(ct);
        return [.. existing.OrderBy(u => u.UserName)];
    }

    private List<EventRegistration> Register(Event e, IEnumerable<AppUser> people, RegistrationStatus status, DateTime at)
    {
        var list = new List<EventRegistration>();
        foreach (var person in people)
        {
            var r = new EventRegistration
            {
                CityId = e.CityId,
                EventId = e.Id,
                UserId = person.Id,
                Status = status,
                CreatedAt = at,
                Code = EventRegistrations.NewCode(),
            };
            if (status == RegistrationStatus.Waitlisted) r.Position = ++e.WaitlistIssued;
            else e.Confirmed++;
            if (status == RegistrationStatus.Attended) r.CheckedInAt = at;
            list.Add(r);
        }
        db.AddRange(list);
        return list;
    }

    /// <summary>The demo room, confirmed for every meeting when it is free then (as the centre's own booking); otherwise the place as text.</summary>
    private async Task PlaceAsync(Event e, Room? room, string place, CancellationToken ct)
    {
        var from = e.Meetings.Min(m => m.StartsAt);
        var to = e.Meetings.Max(m => m.EndsAt);
        if (room is null || await db.Set<Booking>().IgnoreQueryFilters().AnyAsync(b => b.RoomId == room.Id
                && (b.Status == BookingStatus.Provisional || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Blocked)
                && from < b.EndsAt && b.StartsAt < to, ct))
        {
            e.Place = place;
            return;
        }
        e.RoomId = room.Id;
        for (var i = 0; i < e.Meetings.Count; i++)
        {
            var m = e.Meetings[i];
            var booking = new Booking
            {
                CityId = e.CityId,
                RoomId = room.Id,
                Purpose = $"講座・イベント「{e.Title}」第{i + 1}回",
                StartsAt = m.StartsAt,
                EndsAt = m.EndsAt,
                Status = BookingStatus.Confirmed,
                CreatedAt = e.CreatedAt,
                ConfirmBy = m.StartsAt,
                PaidAt = e.CreatedAt,
            };
            db.Add(booking);
            await db.SaveChangesAsync(ct);
            m.BookingId = booking.Id;
        }
    }
}
