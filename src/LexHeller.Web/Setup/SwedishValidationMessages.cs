using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace LexHeller.Web.Setup;

/// <summary>
/// Gives every validation attribute without a message of its own a Swedish one, including the [Required] that
/// MVC implies for a non-nullable property: a form must never answer in the framework's English.
/// </summary>
public sealed class SwedishValidationMessages : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (attribute.ErrorMessage is not null || attribute.ErrorMessageResourceName is not null) continue;
            attribute.ErrorMessage = attribute switch
            {
                RequiredAttribute => "”{0}” måste fyllas i.",
                StringLengthAttribute { MinimumLength: > 0 } => "”{0}” ska ha mellan {2} och {1} tecken.",
                StringLengthAttribute or MaxLengthAttribute => "”{0}” får ha högst {1} tecken.",
                MinLengthAttribute => "”{0}” ska ha minst {1} tecken.",
                RangeAttribute => "”{0}” ska vara mellan {1} och {2}.",
                EmailAddressAttribute => "”{0}” är inte en giltig e-postadress.",
                CompareAttribute => "”{0}” och ”{1}” stämmer inte överens.",
                _ => "”{0}” har ett ogiltigt värde.",
            };
        }
    }
}
