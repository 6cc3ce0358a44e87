using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Events;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>
/// What the event tests need beyond <see cref="TestData.CreateEventAsync"/>: events moved into the past, and the event
/// services as a request of a city has them.
/// </summary>
public static class EventTestData
{
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
