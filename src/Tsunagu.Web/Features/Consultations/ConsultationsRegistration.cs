using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Consultations;

public sealed class ConsultationsRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<ConsultationService>();
        feature.Services.AddScoped<Plans.IIndicatorSource, ConsultationsSource>();
        feature
            .StaffMenu(new(MenuSections.Centre, "相談の記録", "相談を受け付け、対応を記録し、件数を集計します。", "admin/consultations", Policies.ConsultationDesk)
            {
                Order = 100,
                Waiting = (services, ct) => services.GetRequiredService<TsunaguDb>().Consultations.CountAsync(c => c.Status == ConsultationStatus.Received, ct),
                WaitingPath = "admin/consultations?status=Received",
            })
            .CityHome(new("相談を申し込む", "団体の設立や運営、資金、ボランティアなどの相談ができます。", "consultations/new") { Order = 30 })
            .DemoData<DemoConsultations>()
            .PersonalData<ConsultationsPersonalData>();
    }
}
