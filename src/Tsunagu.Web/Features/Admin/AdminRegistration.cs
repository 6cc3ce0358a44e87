using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Admin;

public sealed class AdminRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<StaffService>();
        feature.Services.AddScoped<Audit.AuditLog>();
        feature
            .StaffMenu(new(MenuSections.CityAdministration, "職員と役割", "職員を招待し、役割と担当課を割り当てます。", "admin/staff", Policies.CityAdmin) { Order = 900 })
            .StaffMenu(new(MenuSections.CityAdministration, "操作記録", "だれが、いつ、何を変更したかを検索します。", "admin/audit", Policies.CityAdmin) { Order = 910 });
    }
}
