using Tsunagu.Web.Features.Cities.Setup;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Cities;

public sealed class CitiesRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<CitySetup>();
        feature.Services.AddScoped<SetupTables>();
        feature.StaffMenu(new(MenuSections.CityAdministration, "市の設定", "担当課、地区と人口、評価機関やセンターの呼び方を設定します。", "admin/setup", Policies.CityAdmin) { Order = 890 });
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapCitiesApi();
}
