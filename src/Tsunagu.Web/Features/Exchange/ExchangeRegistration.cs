using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Exchange;

public sealed class ExchangeRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<ExchangePosts>();
        feature.Services.AddScoped<ExchangeIntroductions>();
        feature.Services.AddScoped<IIndicatorSource, GroupMatchingsSource>();
        feature
            .StaffMenu(new(MenuSections.Centre, "ニーズとシーズの紹介", "団体からの紹介の依頼に答え、ニーズとシーズの団体どうしを紹介して、マッチングの結果を記録します。", "admin/exchange", Policies.CentreStaff)
            {
                Order = 190,
                // Requests a group made that the centre has not yet acted on.
                Waiting = (services, ct) => services.GetRequiredService<TsunaguDb>().Set<ExchangeIntroduction>()
                    .CountAsync(i => i.RequestedAt != null && i.IntroducedAt == null && i.Outcome == IntroductionOutcome.Pending, ct),
                WaitingPath = "admin/exchange#requests-title",
            })
            .CityHome(new("団体のニーズとシーズ", "団体が求めていることと提供できることです。センターが団体どうしを紹介します。", "exchange") { Order = 110 })
            .DemoData<DemoExchange>()
            .PersonalData<ExchangePersonalData>();
    }
}
