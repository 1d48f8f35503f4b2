package decode

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	unicode16 "golang.org/x/text/encoding/unicode"

	"pledge/script"
)

// Errors returned by Decode. Callers wrap them with the file name. A PDF
// or an office file is ErrBinary too, with a hint of what to do.
var (
	ErrEmpty          = errors.New("file is empty")
	ErrBinary         = errors.New("not a text file (binary data)")
	ErrEncoding       = errors.New("not text in UTF-8, UTF-16, GB18030 or Big5")
	ErrPDF      error = binaryKind("a PDF file; pledge reads it with poppler's pdftotext, or convert it to text first")
	ErrOffice   error = binaryKind("an Excel or zip file, not a Word document; save it as text (.txt) first")
	ErrOldWord  error = binaryKind("an old Word (.doc) or Excel (.xls) file; save it as .docx or as text (.txt) first")
)

// binaryKind is a kind of binary file, with a hint of what to do with it.
type binaryKind string

func (e binaryKind) Error() string        { return string(e) }
func (e binaryKind) Is(target error) bool { return target == ErrBinary }

// signatures are the first bytes of binary files an analyst may have
// downloaded in place of text.
var signatures = []struct {
	magic string
	err   error
}{
	{"%PDF-", ErrPDF},
	{"PK\x03\x04", ErrOffice},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ErrOldWord}, // an old .doc or .xls
}

// Plain turns the bytes of a text file into a string. It accepts UTF-8 with
// or without a byte-order mark, UTF-16 with or without one, GB18030 (a
// superset of GBK and GB2312), which is what Chinese editions of Windows
// save by default, and Big5, which Hong Kong and Taiwan sites use. The
// encoding is detected, never asked for: analysts get files from many
// sources and rarely know how each was saved. A UTF-8 file with a stray
// byte or two that are not UTF-8 (a NUL, a byte of another encoding) is
// read without them, and the Problems say where they were.
func Plain(b []byte) (Text, error) {
	s, problems, err := decode(b)
	return Text{s, problems}, err
}

// maxStray is how many stray bytes a UTF-8 file may hold and still be read
// as text without them.
const maxStray = 8

func decode(b []byte) (string, []Problem, error) {
	for _, sig := range signatures {
		if bytes.HasPrefix(b, []byte(sig.magic)) {
			return "", nil, sig.err
		}
	}
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		return "", nil, ErrEmpty
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return utf8Text(b[3:], 3)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		s, err := decodeUTF16(b[2:], false)
		return s, nil, err
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s, err := decodeUTF16(b[2:], true)
		return s, nil, err
	case utf8.Valid(b) && bytes.IndexByte(b, 0) < 0:
		s, err := checkText(string(b))
		return s, nil, err
	}
	// The same bytes are often valid in several encodings, all but one as
	// nonsense: take the reading that uses more of the characters Chinese
	// text uses most. UTF-16 without a byte-order mark is among them, and
	// UTF-8 with a few stray bytes left out.
	repaired, problems, utf8Err := utf8Text(b, 0)
	best, bestScore, bestProblems := "", -1.0, []Problem(nil)
	if utf8Err == nil {
		best, bestScore, bestProblems = repaired, chineseScore(repaired), problems
	}
	for _, e := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5,
		unicode16.UTF16(unicode16.LittleEndian, unicode16.IgnoreBOM), unicode16.UTF16(unicode16.BigEndian, unicode16.IgnoreBOM)} {
		s, sc := decodeAs(e, b)
		if sc > bestScore && bytes.IndexByte([]byte(s), 0) < 0 && (sc > 0.5 || e == simplifiedchinese.GB18030 || e == traditionalchinese.Big5) {
			best, bestScore, bestProblems = s, sc, nil
		}
	}
	if bestScore < 0 {
		return "", nil, utf8Err
	}
	s, err := checkText(best)
	return s, bestProblems, err
}

// utf8Text reads b as UTF-8 that may hold a few stray bytes (a NUL, a byte
// of another encoding), which it leaves out and reports by offset (offset
// is where b starts in the file). More than a few, and the file is not
// text in UTF-8, with the first stray byte's place in the error.
func utf8Text(b []byte, offset int) (string, []Problem, error) {
	var out strings.Builder
	var problems []Problem
	first, firstNUL := -1, -1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 || r == 0 {
			if first < 0 {
				first = offset + i
			}
			if r == 0 && firstNUL < 0 {
				firstNUL = offset + i
			}
			what := fmt.Sprintf("0x%02X, not UTF-8", b[i])
			if r == 0 {
				what = "a NUL"
			}
			problems = append(problems, Problem{offset + i, what})
			i++
			continue
		}
		out.WriteString(string(b[i : i+n]))
		i += n
	}
	if len(problems) > maxStray || len(problems)*20 > len(b) {
		if firstNUL >= 0 {
			return "", nil, &Error{firstNUL, ErrBinary}
		}
		return "", nil, &Error{first, ErrEncoding}
	}
	s, err := checkText(out.String())
	return s, problems, err
}

// decodeAs decodes b in the encoding e and scores how much the result
// looks like Chinese text (see below), or -1 when b is not valid in e.
func decodeAs(e encoding.Encoding, b []byte) (string, float64) {
	s, err := e.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(s, utf8.RuneError) {
		return "", -1
	}
	return string(s), chineseScore(string(s))
}

// chineseScore is how much a reading of a file looks like Chinese text.
func chineseScore(s string) float64 {
	// Of the characters beyond ASCII, the share that are common Chinese
	// ones: a wrong reading gives rare characters, other scripts and
	// characters of private use.
	other, common := 0, 0
	for _, r := range script.Simplify(s) {
		if r < 0x80 || unicode.IsSpace(r) || unicode.IsPunct(r) {
			continue
		}
		other++
		if strings.ContainsRune(commonChars, r) {
			common++
		}
	}
	if other == 0 {
		return 0
	}
	return float64(common) / float64(other)
}

// commonChars are some 500 of the characters Chinese text uses most, and
// the words of joint statements: in a right reading of a Chinese text most
// characters are among them; in a wrong one, few.
const commonChars = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨递邪撞拟滚奏巡颜剂绩贡疯坡瞧截燃焦殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜浓芳稿竹腹跌逻垂遵脉貌柏狱猜怜惑陶兽帐饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳嘛董迁凝慰厌脏腾幽怨鞋丢埋泉涌辖躲晋紫艰魏吾慌祝邮吐狠鉴曰械咬邻赤挤弯椅陪割揭韦悟聪雾锋梯猫祥阔誉筹丛牵鸣沈阁穆屈旨袖猎臂蛇贺柱抛鼠瑟戈牢逊迈欺吨琴衰瓶恼燕仲诱狼池疼卢仗冠粒遥吕玄尘冯抚浅敦纠钻晶岂峡苍喷耗凌敲菌赔涂粹扁亏寂煤熊恭湿循暖糖赋抑秩帽哀宿踏烂袁侯抖夹昆肝擦猪炼恒慎搬纽纹玻渔磁铜齿跨押怖漠疲叛遣兹祭醉拳弥斜档稀捷肤疫肿豆削岗晃吞宏癌肚隶履涨耀扭坛拨沃绘伐堪仆郭牺歼墓雇廉契拼惩捉覆刷劫嫌瓜歇雕闷乳串娃缴唤赢莲霸桃妥瘦搭赴岳嘉舱俊址庞耕锐缝悔邀玲惟斥宅添挖呵讼氧浩羽斤酷掠妖祸侍乙妨贪挣汪尿莉悬唇翰仓轨枚盐览傅帅庙芬屏寺胖璃愚滴疏萧姿颤丑劣柯寸扔盯辱匹俱辨饿蜂哦腔郁溃谨糟葛苗肠忌溜鸿爵鹏鹰笼丘桂滋聊挡纲肌茨壳痕碗穴膀卓贤卧膜毅锦欠哩函茫昂薛皱夸豫胃舌剥傲拾窝睁携陵哼棉晴铃填饲渴吻扮逆脆喘罩卜炉柴愉绳胎蓄眠竭喂傻慕浑奸扇柜悦拦诞饱乾泡贼亭夕爹酬儒姻卵氛泄杆挨僧蜜吟猩遂狭肖甜霞驳裕顽於摘矮秒卿畜咽披辅勾盆疆赌塑畏吵囊嗯泊肺骤缠冈羞瞪吊贾漏斑涛悠鹿俘锡卑葬铭滩嫁催璇翅盒蛮矣潘歧赐鲍锅廊拆灌勉盲宰佐啥胀扯禧辽抹筒棋裤唉朴咐孕誓喉妄拘链驰栏逝窃艳臭纤玑棵趁匠盈翁愁瞬婴孝颈倘浙谅蔽畅赠妮莎尉冻跪闯葡厨鸭颠遮谊圳吁仑辟瘤嫂陀框谭亨钦庸歉芝吼甫衫摊宴嘱衷娇陕矩浦讶耸裸碧摧薪淋耻胶屠鹅饥盼脖虹翠崩账萍逢赚撑翔倡绵猴枯巫昭怔渊凑溪蠢禅阐旺寓藤匪伞碑挪琼脂谎慨菩萄狮掘抄岭晕逮砍挫僵扛绣镖罐衔芦燥芒邵胳殷屁钉阀瞎霉峻寡漆栗"

func decodeUTF16(b []byte, bigEndian bool) (string, error) {
	if len(b)%2 != 0 {
		return "", ErrEncoding
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if len(s) == 0 {
		return "", ErrEmpty
	}
	if bytes.ContainsRune([]byte(s), utf8.RuneError) {
		return "", ErrEncoding
	}
	return checkText(s)
}

// checkText rejects decoded text that holds control characters: a valid
// encoding of garbage (an image that happens to be valid GB18030) is still
// not a statement.
func checkText(s string) (string, error) {
	bad, total := 0, 0
	for _, r := range s {
		total++
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v' {
			bad++
		}
	}
	// A stray control character in a scraped page is common; many are not.
	if bad > 0 && bad*100 > total {
		return "", ErrBinary
	}
	if len(bytes.TrimSpace([]byte(s))) == 0 {
		return "", ErrEmpty
	}
	return s, nil
}
