use postwright::post::{Post, Value};
use postwright::schema::Schema;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let mut p = Post::parse(&text);
    let v = match args.get(3).map(String::as_str) {
        Some("list") => Value::List(vec![Value::String("a".into()), Value::String("b c".into())]),
        Some("raw") => Value::Raw(args[4].clone()),
        Some("null") => Value::Null,
        Some(s) => Value::String(s.to_string()),
        None => {
            p.remove(&args[2]).unwrap();
            print!("{}", p);
            return;
        }
    };
    match p.set(&args[2], &v, &Schema::blog()) {
        Ok(()) => print!("{}", p),
        Err(e) => println!("ERR {e}"),
    }
}
