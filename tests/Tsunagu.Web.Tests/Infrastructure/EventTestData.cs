using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>Builds events: `await EventTestData.EventAsync(factory, "nagato", e => e.Capacity = 100)`.</summary>
public static class EventTestData
{
    public sealed class EventSpec
    {
        public string Title { get; set; } = "はじめてのボランティア講座";
        public EventKind Kind { get; set; } = EventKind.Course;
        public int Capacity { get; set; } = 10;
        public int Meetings { get; set; } = 1;
        public TimeSpan StartsIn { get; set; } = TimeSpan.FromDays(14);
        public string? OnlineLink { get; set; }
        /// <summary>When the first meeting starts, instead of <see cref="StartsIn"/> from now.</summary>
        public DateTime? FirstStartsAt { get; set; }
        public EventEligibility Eligibility { get; set; }
        public int? EligibleGroupId { get; set; }
        public int? GroupId { get; set; }
        public EventStatus Status { get; set; } = EventStatus.Published;
    }

    /// <summary>A published event open for registration, with weekly two-hour meetings; returns its id.</summary>
    public static async Task<int> EventAsync(TsunaguFactory factory, string city, Action<EventSpec>? configure = null)
    {
        var spec = new EventSpec();
        configure?.Invoke(spec);
        var cityId = await TestData.CityIdAsync(factory, city);
        return await TestData.WithDbAsync(factory, async db =>
        {
            var now = DateTime.UtcNow;
            var e = new Event
            {
                CityId = cityId,
                Title = spec.Title,
                Description = "地域活動の始め方を学びます。",
                Kind = spec.Kind,
                Place = "市民活動センター 会議室1",
                OnlineLink = spec.OnlineLink,
                Capacity = spec.Capacity,
                RegistrationOpensAt = now.AddDays(-1),
                RegistrationClosesAt = spec.FirstStartsAt is { } first ? first.AddDays(-2) : now.Add(spec.StartsIn / 2),
                Status = spec.Status,
                CreatedAt = now,
                UpdatedAt = now,
                Eligibility = spec.Eligibility,
                EligibleGroupId = spec.EligibleGroupId,
                GroupId = spec.GroupId,
            };
            for (var i = 0; i < spec.Meetings; i++)
            {
                var start = (spec.FirstStartsAt ?? now.Add(spec.StartsIn)).AddDays(7 * i);
                e.Meetings.Add(new EventMeeting { CityId = cityId, StartsAt = start, EndsAt = start.AddHours(2) });
            }
            db.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
    }

    /// <summary>Moves an event into the past, as if it had happened (registration had closed before it).</summary>
    public static Task PastAsync(TsunaguFactory factory, int eventId) =>
        TestData.WithDbAsync(factory, async db =>
        {
            var now = DateTime.UtcNow;
            await db.Set<EventMeeting>().IgnoreQueryFilters().Where(m => m.EventId == eventId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.StartsAt, now.AddHours(-3)).SetProperty(m => m.EndsAt, now.AddHours(-1)));
            return await db.Set<Event>().IgnoreQueryFilters().Where(e => e.Id == eventId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.RegistrationClosesAt, now.AddDays(-1)));
        });

    /// <summary>The events feature's services, as one request of a city has them.</summary>
    public sealed class EventServices(IServiceProvider services)
    {
        public EventCatalog Catalog => services.GetRequiredService<EventCatalog>();
        public EventRegistrations Registrations => services.GetRequiredService<EventRegistrations>();
        public EventEditing Editing => services.GetRequiredService<EventEditing>();
        public EventReview Review => services.GetRequiredService<EventReview>();
        public EventSurvey Survey => services.GetRequiredService<EventSurvey>();
    }

    /// <summary>Runs something with the event services as a request of the city would have them: `s => s.Registrations.RegisterAsync(id, userId)`.</summary>
    public static async Task<T> WithServiceAsync<T>(TsunaguFactory factory, string city, Func<EventServices, Task<T>> action)
    {
        await factory.EnsurePreparedAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Tsunagu.Web.Data.TsunaguDb>();
        var current = scope.ServiceProvider.GetRequiredService<CurrentCity>();
        current.Set(await db.Cities.SingleAsync(c => c.Slug == city));
        return await action(new EventServices(scope.ServiceProvider));
    }
}
