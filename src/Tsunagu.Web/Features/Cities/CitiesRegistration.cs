using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Cities;

public sealed class CitiesRegistration : IFeature
{
    public void Register(FeatureBuilder feature) { }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapCitiesApi();
}
