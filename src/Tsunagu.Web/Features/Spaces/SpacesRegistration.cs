using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

public sealed class SpacesRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<SpaceService>();
        feature.Services.AddScoped<SpaceSetupService>();
        feature.Services.AddScoped<LotteryService>();
        feature.Services.AddScoped<LockerService>();
        feature.Services.AddScoped<RoomPhotoService>();
        feature.Services.AddScoped<IIndicatorSource, CentreVisitorsSource>();
        feature
            .Job<ProvisionalBookingLapse>()
            .StaffMenu(new(MenuSections.Centre, "部屋の予約（窓口）", "仮予約の支払いを記録して本予約にし、利用人数を記録します。部屋、休館日、料金、予約できる期間を管理します。", "admin/spaces", Policies.CentreStaff)
            {
                Order = 160,
                // Provisional bookings waiting for their payment at the counter.
                Waiting = (services, ct) => services.GetRequiredService<TsunaguDb>().Set<Booking>().CountAsync(b => b.Status == BookingStatus.Provisional, ct),
                WaitingPath = "admin/spaces#waiting",
            })
            .CityHome(new("部屋の空き状況と予約", "センターの部屋の空きを見て、予約を申し込めます。", "spaces") { Order = 80 })
            .MyPage(new(MenuSections.GroupsAndCentre, "部屋の予約", "予約の確認と取り消し。", "spaces/mine") { Order = 120 })
            .MyPage(new(MenuSections.GroupsAndCentre, "ロッカー・レターケース", "申し込みと利用の状況。", "spaces/lockers/mine") { Order = 130 })
            .DemoData<DemoSpaces>()
            .PersonalData<RoomBookingsPersonalData>()
            .PersonalData<LockerApplicationsPersonalData>()
            .PersonalData<LotteryEntriesPersonalData>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapSpacesApi();
        app.MapRoomPhotos();
    }
}

/// <summary>Every quarter of an hour, provisional bookings past their payment deadline lapse (audited as the system).</summary>
public class ProvisionalBookingLapse(IServiceScopeFactory scopes, ILogger<ProvisionalBookingLapse> log)
    : CityJob(scopes, log, TimeSpan.FromMinutes(15), "booking-lapse")
{
    protected override Task RunForCityAsync(IServiceProvider services, City city, CancellationToken ct) =>
        services.GetRequiredService<SpaceService>().LapseAsync(ct);
}
