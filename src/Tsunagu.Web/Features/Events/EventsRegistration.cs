using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Events;

public sealed class EventsRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<EventCatalog>();
        feature.Services.AddScoped<EventRegistrations>();
        feature.Services.AddScoped<EventRooms>();
        feature.Services.AddScoped<EventEditing>();
        feature.Services.AddScoped<EventReview>();
        feature.Services.AddScoped<EventSurvey>();
        feature.Services.AddScoped<EventReminders>();
        feature.Services.AddSingleton(new RegistrationGate(DatabaseRegistration.Provider(feature.Configuration) == DatabaseProvider.Sqlite ? 1 : 8));
        feature.Services.AddScoped<IIndicatorSource, CourseSatisfactionSource>();
        feature
            .Job<EventReminderJob>()
            .StaffMenu(new(MenuSections.Centre, "講座・イベントの管理", "講座・交流会などのイベントを作り、申込とキャンセル待ちを確認して、当日は受付コードで受付します。", "admin/events", Policies.CentreStaff)
            {
                Order = 210,
                Waiting = (services, ct) => services.GetRequiredService<TsunaguDb>().Set<Event>().CountAsync(e => e.Status == EventStatus.PendingApproval, ct),
                WaitingPath = "admin/events#pending-title",
            })
            .CityHome(new("講座・イベント", "センターの講座・研修や交流会に申し込めます。満席のときはキャンセル待ちができます。", "events") { Order = 130 })
            .CityHomeSection<NextEventsSection>()
            .CityFeed(new("{0}の講座・イベント（カレンダー）", "events.ics", "text/calendar") { Order = 20 })
            .MyPage(new(MenuSections.GroupsAndCentre, "講座・イベントの申込", "申し込んだ講座・イベント、受付コード、キャンセル待ちの順番。", "events/mine") { Order = 140 })
            .DemoData<DemoEvents>()
            .PersonalData<EventsPersonalData>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapEventsApi();
        app.MapEventFeeds();
    }
}
