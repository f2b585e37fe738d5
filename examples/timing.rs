use postwright::post::{Post, Value};
use postwright::schema::Schema;
use std::time::Instant;
fn main() {
    let s = format!("---\ntags: [{}]\n---\n", vec!["a"; 60_000].join(","));
    let t = Instant::now();
    let v: serde_yaml::Value = serde_yaml::from_str(&s[4..s.len() - 4]).unwrap();
    println!("serde_yaml parse: {:?} {}", t.elapsed(), v.is_mapping());
    let p = Post::parse(&s);
    let t = Instant::now();
    let f = p.fields();
    println!("fields: {:?} {}", t.elapsed(), f.is_ok());
    let t = Instant::now();
    let _ = postwright::validate::validate(&p, &Schema::blog());
    println!("validate: {:?}", t.elapsed());
    let mut p2 = p.clone();
    let t = Instant::now();
    let r = p2.set("title", &Value::String("x".into()), &Schema::blog());
    println!("set: {:?} {:?}", t.elapsed(), r.is_ok());
}
