using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.TalentBank;

public sealed class TalentBankRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<TalentBankService>();
        feature
            .StaffMenu(new(MenuSections.Centre, "人材バンクの管理", "講師・アドバイザーの登録を確認して公開し、依頼を登録者に取り次ぎます。", "admin/talent", Policies.CentreStaff)
            {
                Order = 200,
                // Registrations to check and requests to pass on.
                Waiting = async (services, ct) =>
                {
                    var db = services.GetRequiredService<TsunaguDb>();
                    return await db.Set<TalentEntry>().CountAsync(e => e.Status == TalentStatus.Pending, ct)
                        + await db.Set<TalentRequest>().CountAsync(r => r.Status == TalentRequestStatus.Received, ct);
                },
            })
            .CityHome(new("人材バンク", "講座の講師や、団体の運営のアドバイザーをさがして、センターを通じて依頼できます。", "talent") { Order = 120 })
            .MyPage(new(MenuSections.GroupsAndCentre, "人材バンクへの依頼", "講師・アドバイザーへの依頼の状況。", "talent/requests") { Order = 160 })
            .DemoData<DemoTalent>()
            .PersonalData<TalentEntriesPersonalData>()
            .PersonalData<TalentRequestsPersonalData>();
    }
}
