using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Account;

public sealed class AccountRegistration : IFeature
{
    public void Register(FeatureBuilder feature) => feature.Services.AddScoped<AccountService>();

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapAccountApi();
}
