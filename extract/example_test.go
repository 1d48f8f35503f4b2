package extract_test

import (
	"fmt"

	"pledge/extract"
)

func ExampleParse() {
	text := `本报讯 两国元首今天在北京举行会谈。
中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：
一
双方认为，两国关系处于历史最好水平。
双方将继续扩大人文交流。
为此，双方商定：
——推动两国高校扩大互派留学生规模。
——鼓励两国博物馆开展合作。
二〇二二年三月一日于北京
中华人民共和国和俄罗斯联邦关于扩大人文交流的联合声明`
	for _, st := range extract.Parse(text) {
		fmt.Println(st.Date, st.Title)
		for _, c := range st.Commitments {
			fmt.Println(c.Ordinal, c.Section, c.Text)
		}
	}
	// Output:
	// 2022-03-01 中华人民共和国和俄罗斯联邦关于扩大人文交流的联合声明
	// 1 一 双方将继续扩大人文交流。
	// 2 一 推动两国高校扩大互派留学生规模。
	// 3 一 鼓励两国博物馆开展合作。
}

func ExampleSeen() {
	web := "中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：\n双方将加强合作。\n二〇二〇年一月二日\n"
	feed := "中华人民共和国和俄罗斯联邦(以下称“双方”),声明如下:\n\n双方将加强合作。\n\n二〇二〇年一月二日\n"
	var seen extract.Seen
	for _, f := range []struct{ name, text string }{{"web.txt", web}, {"feed.txt", feed}} {
		for i, st := range extract.Parse(f.text) {
			if first, dup := seen.Add(f.name, i+1, &st); dup {
				fmt.Printf("%s statement %d: duplicate of %s statement %d\n", f.name, i+1, first.File, first.Index)
			} else {
				fmt.Printf("%s statement %d: %s, %d commitments\n", f.name, i+1, st.Date, len(st.Commitments))
			}
		}
	}
	// Output:
	// web.txt statement 1: 2020-01-02, 1 commitments
	// feed.txt statement 1: duplicate of web.txt statement 1
}
