/**
 * The models of the acceptance sweep (nn-sweep-models.test.ts), built in TypeScript with their
 * TorchScript: torchvision's ResNet-18 layout and a 2-layer Transformer encoder classifier.
 */
import * as nn from '@tsjit/nn';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { torchscript } from '../../src/index.js';

/** torchvision's BasicBlock: two 3x3 convolutions with batch norm, the shortcut downsampled by a 1x1 convolution where the shape changes. */
export class BasicBlock extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        identity = x
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)
        out = self.conv2(out)
        out = self.bn2(out)
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        out = self.relu(out)
        return out
  `;
  conv1: nn.Conv2d;
  bn1: nn.BatchNorm2d;
  relu = new nn.ReLU(true);
  conv2: nn.Conv2d;
  bn2: nn.BatchNorm2d;
  downsample: nn.Sequential | null;

  constructor(inplanes: number, planes: number, stride = 1) {
    super();
    this.conv1 = new nn.Conv2d(inplanes, planes, 3, { stride, padding: 1, bias: false });
    this.bn1 = new nn.BatchNorm2d(planes);
    this.conv2 = new nn.Conv2d(planes, planes, 3, { padding: 1, bias: false });
    this.bn2 = new nn.BatchNorm2d(planes);
    this.downsample =
      stride !== 1 || inplanes !== planes
        ? new nn.Sequential(new nn.Conv2d(inplanes, planes, 1, { stride, bias: false }), new nn.BatchNorm2d(planes))
        : null;
  }

  override forward(x: Tensor): Tensor {
    let out = this.relu.call(this.bn1.call(this.conv1.call(x)));
    out = this.bn2.call(this.conv2.call(out));
    const identity = this.downsample === null ? x : this.downsample.call(x);
    out = T.add_(out, identity);
    return this.relu.call(out);
  }
}

/** torchvision's ResNet with BasicBlocks [2, 2, 2, 2] (ResNet-18), widths scaled by `width / 64`. */
export class ResNet extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        x = self.conv1(x)
        x = self.bn1(x)
        x = self.relu(x)
        x = self.maxpool(x)
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        x = self.fc(x)
        return x
  `;
  conv1: nn.Conv2d;
  bn1: nn.BatchNorm2d;
  relu = new nn.ReLU(true);
  maxpool = new nn.MaxPool2d(3, { stride: 2, padding: 1 });
  layer1: nn.Sequential;
  layer2: nn.Sequential;
  layer3: nn.Sequential;
  layer4: nn.Sequential;
  avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
  fc: nn.Linear;

  constructor(width: number, numClasses: number) {
    super();
    let inplanes = width;
    this.conv1 = new nn.Conv2d(3, width, 7, { stride: 2, padding: 3, bias: false });
    this.bn1 = new nn.BatchNorm2d(width);
    const layer = (planes: number, stride: number) => {
      const blocks = [new BasicBlock(inplanes, planes, stride), new BasicBlock(planes, planes)];
      inplanes = planes;
      return new nn.Sequential(...blocks);
    };
    this.layer1 = layer(width, 1);
    this.layer2 = layer(width * 2, 2);
    this.layer3 = layer(width * 4, 2);
    this.layer4 = layer(width * 8, 2);
    this.fc = new nn.Linear(width * 8, numClasses);
    // As torchvision: He initialization for convolutions; then running statistics that are not
    // the identity, so that batch norm matters (and its folding into the convolutions in freeze).
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
      if (m instanceof nn.BatchNorm2d) {
        T.copy_(m.running_mean as Tensor, T.mul(T.randn([m.numFeatures]), 0.1));
        T.copy_(m.running_var as Tensor, T.add(T.rand([m.numFeatures]), 0.5));
        nn.init.uniform_(m.weight as Tensor, 0.5, 1.5);
        nn.init.uniform_(m.bias as Tensor, -0.1, 0.1);
      }
    }
  }

  override forward(x: Tensor): Tensor {
    x = this.maxpool.call(this.relu.call(this.bn1.call(this.conv1.call(x)))) as Tensor;
    x = this.layer4.call(this.layer3.call(this.layer2.call(this.layer1.call(x))));
    return this.fc.call(T.flatten(this.avgpool.call(x), 1));
  }
}

/** Tokens → embeddings (+ learned positions) → a 2-layer nn.TransformerEncoder → mean over positions → classes. */
export class TextClassifier extends nn.Module {
  static torchscript = torchscript`
    def forward(self, tokens: Tensor, padding_mask: Optional[Tensor] = None) -> Tensor:
        x = self.embed(tokens)
        if self.batch_first:
            x = x + self.positions[: tokens.size(1)]
        else:
            x = x + self.positions[: tokens.size(0)].unsqueeze(1)
        x = self.encoder(x, src_key_padding_mask=padding_mask)
        x = x.mean(1 if self.batch_first else 0)
        return self.head(x)
  `;
  embed: nn.Embedding;
  positions: nn.Parameter;
  encoder: nn.TransformerEncoder;
  head: nn.Linear;

  constructor(
    readonly batch_first: boolean,
    vocab = 20,
    dModel = 32,
  ) {
    super();
    this.embed = new nn.Embedding(vocab, dModel, { paddingIdx: 0 });
    this.positions = new nn.Parameter(T.mul(T.randn([16, dModel]), 0.1));
    const layer = new nn.TransformerEncoderLayer(dModel, 4, { dimFeedforward: 64, batchFirst: batch_first });
    this.encoder = new nn.TransformerEncoder(layer, 2, { norm: new nn.LayerNorm(dModel) });
    this.head = new nn.Linear(dModel, 3);
  }

  override forward(tokens: Tensor, paddingMask: Tensor | null = null): Tensor {
    let x = this.embed.call(tokens);
    // Positions 0..L-1 counted from the tokens rather than sliced to tokens.sizes[...] (a number a
    // trace would keep): the trace follows the sequence length, as PyTorch's traced tokens.size(1).
    const steps = T.select(tokens, this.batch_first ? 0 : 1, 0);
    const positions = T.indexSelect(this.positions, 0, T.sub(T.cumsum(T.onesLike(steps), 0), 1));
    x = T.add(x, this.batch_first ? positions : T.unsqueeze(positions, 1));
    x = this.encoder.call(x, { srcKeyPaddingMask: paddingMask });
    return this.head.call(T.mean(x, [this.batch_first ? 1 : 0]));
  }
}
