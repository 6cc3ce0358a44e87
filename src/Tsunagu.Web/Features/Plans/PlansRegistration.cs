using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans.Rounds;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Plans;

public sealed class PlansRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<PlanService>();
        feature.Services.AddScoped<PlanImporter>();
        feature.Services.AddScoped<IndicatorSources>();
        feature.Services.AddScoped<IIndicatorSource, CollaborationsSource>();
        feature.Services.AddScoped<RoundService>();
        feature.Services.AddScoped<Admin.PlanEditing>();
        feature.Services.AddScoped<Admin.IndicatorEditing>();
        feature
            .Job<RoundReminders>()
            .StaffMenu(new(MenuSections.Plans, "進捗報告", "担当課の項目について、年度の実施状況を報告します。", "admin/reports", Policies.DepartmentStaff) { Order = 300 })
            .StaffMenu(new(MenuSections.Plans, "審議会の評価", "各課の報告を読み、基本方針ごとに評価と意見を記録します。", "admin/council", Policies.CouncilMember) { Order = 310 })
            .StaffMenu(new(MenuSections.Plans, "計画の管理", "計画を取り込み・書き出し、施策の体系と成果指標を管理します。", "admin/plans", Policies.PlanManager)
            {
                Order = 320,
                // Reports the departments submitted that the manager has still to accept or return.
                Waiting = (services, ct) => services.GetRequiredService<TsunaguDb>().Set<ProgressReport>()
                    .CountAsync(r => r.Status == ReportStatus.Submitted, ct),
            })
            .CityHome(new("協働の計画", "市の協働の計画と、施策ごとの年次計画・成果指標です。", "plans") { Order = 140 })
            .CityHomeSection<PlanIndicatorsSection>()
            .DemoData<Demo.DemoPlans>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapPlansApi();
}
