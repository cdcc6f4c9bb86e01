//! Writes the tokens: the user's item unchanged, then one const registration beside it.

use proc_macro2::TokenStream;
use quote::quote;

use super::check::{Checked, CheckedEvent, Code};

pub fn expand(item: TokenStream, spec: &Checked) -> TokenStream {
    let p = quote!(::infra_core::__private);
    let opt_str = |o: &Option<String>| match o {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    };
    let opt_u32 = |o: Option<u32>| match o {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    };
    let logical_id = &spec.logical_id;
    let description = opt_str(&spec.description);
    let memory = opt_u32(spec.memory);
    let timeout = opt_u32(spec.timeout);
    let architecture = match spec.architecture {
        "x86_64" => quote!(#p::Architecture::X86_64),
        _ => quote!(#p::Architecture::Arm64),
    };
    let code = match &spec.code {
        Code::Zip { bin: Some(bin) } => quote!(#p::Code::Zip { bin: #bin }),
        Code::Zip { bin: None } => quote!(#p::Code::Zip { bin: ::core::env!("CARGO_PKG_NAME") }),
        Code::Image {
            context,
            dockerfile,
            tag,
        } => {
            let tag = opt_str(tag);
            quote!(#p::Code::Image { context: #context, dockerfile: #dockerfile, tag: #tag })
        }
    };
    let env = spec.env.iter().map(|(k, v)| quote!((#k, #v)));
    let events = spec.events.iter().map(|e| match e {
        CheckedEvent::HttpApi { name, method, path, url_output } => {
            let url_output = opt_str(url_output);
            quote!(#p::Event::HttpApi { name: #name, method: #method, path: #path, url_output: #url_output })
        }
    });
    quote! {
        #item
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #[doc(hidden)]
            fn __infra_build(ctx: &#p::Context) -> #p::Contribution {
                const SPEC: #p::FunctionSpec = #p::FunctionSpec {
                    logical_id: #logical_id,
                    package_dir: ::core::env!("CARGO_MANIFEST_DIR"),
                    description: #description,
                    memory: #memory,
                    timeout: #timeout,
                    architecture: #architecture,
                    code: #code,
                    env: &[#(#env),*],
                    events: &[#(#events),*],
                };
                SPEC.contribute(ctx)
            }
            #p::inventory::submit! {
                #p::Fragment {
                    origin: #p::Origin { file: ::core::file!(), line: ::core::line!(), module: ::core::module_path!() },
                    build: __infra_build,
                }
            }
        };
    }
}
