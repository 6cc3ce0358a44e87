using Tsunagu.Web.Features.Opportunities.Matching;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Opportunities;

public sealed class OpportunitiesRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<OpportunityService>();
        feature.Services.AddScoped<ApplicationStateMachine>();
        feature.Services.AddScoped<ConsoleService>();
        // One in-memory matching index per instance, shared by every request.
        feature.Services.AddSingleton<VolunteerIndex>();
        feature.Services.AddSingleton<OpportunityIndex>();
        feature.Services.AddScoped<IIndicatorSource, VolunteerMatchingsSource>();
        feature.Services.AddScoped<OpportunityNotifications>();
        feature
            .Job<OpportunityNotificationsJob>()
            .StaffMenu(new(MenuSections.Centre, "コーディネーター画面", "応募がない募集、返事待ちの応募、マッチングの件数（月別・制度別・地区別）を確認します。", "admin/volunteers/console", Policies.CentreStaff)
            {
                Order = 170,
                // Applications their organisers have left unanswered for a week, which a coordinator may nudge.
                Waiting = (services, ct) => services.GetRequiredService<ConsoleService>().CountWaitingAsync(ct),
                WaitingPath = "admin/volunteers/console#waiting",
            })
            .StaffMenu(new(MenuSections.Centre, "制度・プログラム", "募集が属する市の制度やプログラムを管理します。", "admin/volunteers/programmes", Policies.CentreStaff) { Order = 180 })
            .CityHome(new("ボランティアの募集", "団体やセンター、市が募集しているボランティア活動をさがして、応募できます。", "opportunities") { Order = 90 })
            .CityHomeSection<NewOpportunitiesSection>()
            .MyPage(new(MenuSections.Volunteering, "ボランティアの予定と記録", "応募やお誘いへの返事、参加が決まった活動、活動時間の確認と活動証明書。", "volunteers/activities") { Order = 20 })
            .MyPage(new(MenuSections.Volunteering, "出している募集", "団体や担当課として出した募集の応募者を確認し、受け入れます。", "opportunities/mine") { Order = 30 })
            .DemoData<DemoOpportunities>()
            .PersonalData<VolunteerApplicationsPersonalData>()
            .PersonalData<ApplicationMessagesPersonalData>()
            .PersonalData<OpportunitiesPostedPersonalData>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapOpportunitiesApi();
}
