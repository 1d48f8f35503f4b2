package link

import (
	"reflect"
	"strings"
	"testing"
)

// TestSiteMarks reads where a commitment sets something up, when that is
// a place: a name, a state, a place's or a site's ending, not a time, a
// framework, a field, a list or a site named by whose it is.
func TestSiteMarks(t *testing.T) {
	for _, tc := range []struct {
		text, words string
		want        []string
	}{
		{"双方同意在北京设立丁国文化中心。", "北京 设立 丁国 文化 中心", []string{"#在:北京"}},
		{"双方同意在戊都合作建设光伏电站。", "戊都 合作 建设 光伏 电站", []string{"#在:戊都"}},
		{"支持在阿克拉设立孔子学院，在库马西开设分校。", "阿克拉 设立 孔子学院 库马西 开设 分校", []string{"#在:阿克拉", "#在:库马西"}},
		{"鼓励企业在甲国北部建设工业园区。", "鼓励 企业 甲国 北部 建设 工业园区", []string{"#在:甲国北部"}},
		{"在南岭省首府设立签证中心。", "南岭 省 首府 设立 签证 中心", []string{"#在:南岭省首府"}},
		{"双方将在联委会框架下设立工作组。", "联委会 框架 设立 工作组", nil},
		{"中方将鼓励企业在完成勘探后投资建设选矿厂。", "鼓励 企业 完成 勘探 投资 建设 选矿厂", nil},
		{"双方将在碳市场建设方面开展合作。", "碳市场 建设 方面 开展 合作", nil},
		{"双方将在基础设施建设领域开展合作。", "基础设施 建设 领域 开展 合作", nil},
		{"双方支持在对方国家设立文化中心。", "支持 对方 国家 设立 文化 中心", nil},
		{"中方将在北京和上海设立签证中心。", "北京 上海 设立 签证 中心", nil},
		{"双方将根据《在戊都设立中心的协定》开展合作。", "戊都 设立 中心 协定 开展 合作", nil},
		{"双方支持在对方首都和有关大学设立文化中心，在首都设立联络处。", "支持 对方 首都 有关 大学 设立 文化 中心 首都 设立 联络处", nil},
		{"双方同意在甲国总统访华之际设立联合实验室。", "甲国 总统 访华 之际 设立 联合 实验室", nil},
		{"双方将在联合国设立和平发展基金。", "联合国 设立 和平 发展 基金", nil},
		{"中方将在甲国尽快设立签证中心，在甲国境内建设物流园，在乙都援建医院。", "甲国 尽快 设立 签证 中心 甲国 境内 建设 物流园 乙都 援建 医院", []string{"#在:甲国", "#在:甲国", "#在:乙都"}},
	} {
		if got := siteMarks(tc.text, strings.Fields(tc.words)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("siteMarks(%s) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestSitesDiffer: two commitments that set things up at sites differ
// when no site of the one is the other's, by name, abbreviation or most
// of its characters; one naming no site differs from none.
func TestSitesDiffer(t *testing.T) {
	for _, tc := range []struct {
		a, b []string
		want bool
	}{
		{[]string{"#在:北京"}, []string{"#在:丁都"}, true},
		{[]string{"#在:丁南市"}, []string{"#在:丁都"}, true},
		{[]string{"#在:海岸角大学"}, []string{"#在:加纳大学"}, true},
		{[]string{"#在:斯"}, []string{"#在:斯里兰卡"}, false},
		{[]string{"#在:乌市"}, []string{"#在:乌兰巴托"}, false},
		{[]string{"#在:斯里兰卡"}, []string{"#在:北京"}, true},
		{[]string{"#在:蒙古国"}, []string{"#在:马来西亚"}, true},
		{[]string{"#在:癸都大学"}, []string{"#在:癸都"}, false},
		{[]string{"#在:北京", "#在:丁都"}, []string{"#在:丁都"}, false},
		{[]string{"#在:北京"}, []string{"#@设立"}, false},
		{[]string{"#在:北京", "#第2次"}, []string{"#第2次"}, false},
	} {
		if got := sitesDiffer(tc.a, tc.b); got != tc.want {
			t.Errorf("sitesDiffer(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if marksDiffer([]string{"#在:北京"}, []string{"#在:丁都"}) {
		t.Error("marksDiffer counts sites as members of a series")
	}
}
